using System.Net;
using System.Net.Http.Json;
using System.Text;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Features.Measures;

public sealed class MeasuresEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AdminAddsMeasureAndEveryoneOnTheContractReadsIt()
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("b13", Polarity.HigherIsBetter);

        var byCode = await scenario.Provider.GetFromJsonAsync<MeasureResponse>(
            $"/api/contracts/{scenario.ContractId}/measures/B13", JsonDefaults.Web);
        var list = await scenario.Panel.GetFromJsonAsync<List<MeasureResponse>>(
            $"/api/contracts/{scenario.ContractId}/measures", JsonDefaults.Web);

        Assert.Equal("B13", byCode!.Code);
        Assert.Equal(Polarity.HigherIsBetter, byCode.Polarity);
        Assert.Equal(["B13"], list!.Select(m => m.Code));
    }

    [Theory]
    [InlineData("B13")]
    [InlineData("b13")]
    [InlineData("b13 ")]
    public async Task SecondMeasureWithTheSameCodeIsAConflict(string code)
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("B13");
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Admin.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures",
            new CreateMeasureRequest(code, "Again", null, null, MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Monthly, 1),
            JsonDefaults.Web);

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task SameCodeOnAnotherContractIsFine()
    {
        var first = await Scenario.CreateAsync(api);
        var second = await Scenario.CreateAsync(api);
        await first.AddMeasureAsync("A3");
        await second.AddMeasureAsync("A3");
    }

    [Theory]
    [InlineData(Role.Commissioner)]
    [InlineData(Role.Panel)]
    [InlineData(Role.Provider)]
    public async Task OnlyAnAdminAddsMeasures(Role role)
    {
        var scenario = await Scenario.CreateAsync(api);
        var client = role == Role.Provider ? scenario.Provider : api.ClientFor(role, scenario.Council);

        var response = await client.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures",
            new CreateMeasureRequest("A3", "T", null, null, MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Monthly, 1),
            JsonDefaults.Web);

        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AdminOfAnotherCouncilGets404NotTheContract()
    {
        var scenario = await Scenario.CreateAsync(api);
        var response = await api.ClientFor(Role.Admin, Scenario.UniqueCode("other")).PostAsJsonAsync(
            $"/api/contracts/{scenario.ContractId}/measures",
            new CreateMeasureRequest("A3", "T", null, null, MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Monthly, 1),
            JsonDefaults.Web);
        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UnknownMeasureCodeIs404Problem()
    {
        var scenario = await Scenario.CreateAsync(api);
        var response = await scenario.Commissioner.GetAsync($"/api/contracts/{scenario.ContractId}/measures/ZZ9");
        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("ZZ9", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"code":"","title":"T","unit":"Percent","polarity":"HigherIsBetter","frequency":"Monthly"}""", "code")]
    [InlineData("""{"code":"B 13","title":"T","unit":"Percent","polarity":"HigherIsBetter","frequency":"Monthly"}""", "code")]
    [InlineData("""{"code":"B13-with-a-very-long-code","title":"T","unit":"Percent","polarity":"HigherIsBetter","frequency":"Monthly"}""", "code")]
    [InlineData("""{"code":"B13","unit":"Percent","polarity":"HigherIsBetter","frequency":"Monthly"}""", "title")]
    [InlineData("""{"code":"B13","title":"T","polarity":"HigherIsBetter","frequency":"Monthly"}""", "unit")]
    [InlineData("""{"code":"B13","title":"T","unit":"Percent","frequency":"Monthly"}""", "polarity")]
    [InlineData("""{"code":"B13","title":"T","unit":"Percent","polarity":"HigherIsBetter"}""", "frequency")]
    [InlineData("""{"code":"B13","title":"T","unit":"Percent","polarity":"HigherIsBetter","frequency":"Monthly","decimals":5}""", "decimals")]
    [InlineData("""{"code":"B13","title":"T","unit":"Count","polarity":"HigherIsBetter","frequency":"Monthly","decimals":1}""", "decimals")]
    public async Task InvalidMeasureIsRefusedNamingTheField(string body, string field)
    {
        var scenario = await Scenario.CreateAsync(api);
        var response = await scenario.Admin.PostAsync($"/api/contracts/{scenario.ContractId}/measures",
            new StringContent(body, Encoding.UTF8, "application/json"));
        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor(field));
    }

    [Fact]
    public async Task DefinitionOfFourThousandCharactersIsAcceptedAndOneMoreIsNot()
    {
        var scenario = await Scenario.CreateAsync(api);
        var ok = await scenario.Admin.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures",
            new CreateMeasureRequest("D1", "T", new string('x', 4000), null, MeasureUnit.Days, Polarity.LowerIsBetter, Frequency.Quarterly, 0),
            JsonDefaults.Web);
        var tooLong = await scenario.Admin.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures",
            new CreateMeasureRequest("D2", "T", new string('x', 4001), null, MeasureUnit.Days, Polarity.LowerIsBetter, Frequency.Quarterly, 0),
            JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        Assert.NotEmpty((await tooLong.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("definition"));
    }
}
