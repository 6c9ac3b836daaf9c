using System.Net;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Returns;

public sealed class IdempotencyTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ARepeatWithTheSameKeyAndBodyReplaysTheFirstAnswerAndWritesNothing()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var key = Guid.NewGuid().ToString();
        var first = await scenario.Provider.SubmitAsync(scenario.ContractId, key, Row("A1", "2016-07", 50, commentary: "Steady."));
        var firstBody = await first.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var after = await DatabaseCounts.ReadAsync(api.ConnectionString);

        // The same batch, written differently: 50.0 is 50, and the code's case and spaces do not matter.
        var repeat = await scenario.Provider.SubmitJsonAsync(scenario.ContractId,
            """{"returns":[{"measureCode":" a1","period":"2016-07","value":50.0,"commentary":"Steady. "}]}""", key);

        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(firstBody, await repeat.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotent-Replayed")));
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(after, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task TheSameKeyWithAnotherBodyIsRefusedAndWritesNothing()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var key = Guid.NewGuid().ToString();
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, key, Row("A1", "2016-07", 50))).ReadStoredAsync();
        var after = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Provider.SubmitAsync(scenario.ContractId, key, Row("A1", "2016-07", 51));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("different request", problem.ErrorsFor("Idempotency-Key")[0], StringComparison.Ordinal);
        Assert.Equal(after, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task AKeyUsedOnAnotherContractIsAnotherRequest()
    {
        var first = await ScenarioWithMeasuresAsync(api);
        var second = first with { Contract = (await ScenarioWithMeasuresAsync(api)).Contract };
        var key = Guid.NewGuid().ToString();
        await (await first.Provider.SubmitAsync(first.ContractId, key, Row("A1", "2016-07", 50))).ReadStoredAsync();

        var response = await api.ClientFor(Role.Provider, first.Trust, "pat.provider").SubmitAsync(second.ContractId, key, Row("A1", "2016-07", 50));

        // The second contract belongs to another trust: its existence is not revealed, key or no key.
        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task KeysBelongToTheCallerSoTwoPeopleMayUseTheSameOne()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var key = "monthly-upload-2016-07";
        var pat = (await (await scenario.Provider.SubmitAsync(scenario.ContractId, key, Row("A1", "2016-07", 50))).ReadStoredAsync()).Returns.Single();

        var sam = (await (await api.ClientFor(Role.Provider, scenario.Trust, "sam.analyst")
            .SubmitAsync(scenario.ContractId, key, Row("A1", "2016-07", 52))).ReadStoredAsync()).Returns.Single();

        Assert.Equal((1, 2), (pat.Revision, sam.Revision));
    }

    [Fact]
    public async Task ARefusedBatchDoesNotUseUpItsKey()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var key = Guid.NewGuid().ToString();
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, key, Row("A1", "2016-07", 500))).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);

        var corrected = await scenario.Provider.SubmitAsync(scenario.ContractId, key, Row("A1", "2016-07", 50));

        Assert.Equal(50m, (await corrected.ReadStoredAsync()).Returns.Single().Value);
    }

    [Fact]
    public async Task ConcurrentRepeatsOfOneKeyStoreTheBatchOnce()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            scenario.Provider.SubmitAsync(scenario.ContractId, key, Row("A1", "2016-07", 50), Row("C2", "2016-07", 3))));

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal([1, 1], (await scenario.Provider.ListAsync(scenario.ContractId)).Returns.Select(r => r.Revision));
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\tinside")]
    [InlineData("naïve")]
    public async Task AKeyThatIsNotVisibleAsciiIsABadRequest(string key)
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var problem = await (await scenario.Provider.SubmitAsync(scenario.ContractId, key, Row("A1", "2016-07", 50)))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("visible ASCII", problem.ErrorsFor("Idempotency-Key")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyLongerThan255CharactersIsABadRequest()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, new string('k', 256), Row("A1", "2016-07", 50)))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
    }
}
