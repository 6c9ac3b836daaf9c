using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Returns;

public sealed class SubmitReturnsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly DateOnly Start = new(2016, 4, 1);
    private static readonly DateOnly End = new(2019, 3, 31);

    [Fact]
    public async Task ABatchIsStoredAsFirstRevisionsAndAnsweredRowByRow()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start, End);

        var response = await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("a1", "2016-07", 61.5m, 123, 200, "Up on June after the new duty rota."),
            Row("C2", " 2016-07 ", 4),
            Row("Q1", "2016-17-Q4", 75, 3, 4),
            Row("Y1", "2016-17", -12.25m));

        var stored = (await response.ReadStoredAsync()).Returns;
        Assert.Equal($"/api/contracts/{scenario.ContractId}/returns", response.Headers.Location?.OriginalString);
        Assert.Equal(["A1", "C2", "Q1", "Y1"], stored.Select(r => r.MeasureCode));
        Assert.Equal(["2016-07", "2016-07", "2016-17-Q4", "2016-17"], stored.Select(r => r.Period));
        Assert.All(stored, r => Assert.Equal((1, true, "pat.provider", scenario.Trust), (r.Revision, r.Late, r.SubmittedBy, r.SubmittedByOrg)));
        Assert.Equal([new DateOnly(2016, 8, 15), new DateOnly(2016, 8, 15), new DateOnly(2017, 4, 15), new DateOnly(2017, 4, 15)],
            stored.Select(r => r.DueDate));
        Assert.Equal("Up on June after the new duty rota.", stored[0].Commentary);
        Assert.Equal((123m, 200m), (stored[0].Numerator, stored[0].Denominator));
        Assert.Equal([false, false, true, false], stored.Select(r => r.SmallCohort));
        Assert.Equal(-12.25m, stored[3].Value);

        var listed = await scenario.Panel.ListAsync(scenario.ContractId);
        Assert.Equal(stored, listed.Returns);
    }

    [Fact]
    public async Task ResubmittingAddsARevisionAndKeepsEveryEarlierOne()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start, End);
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 50, commentary: "First count."))).ReadStoredAsync();
        var second = api.ClientFor(Role.Provider, scenario.Trust, "sam.analyst");

        var revised = (await (await second.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 55.5m, commentary: "Corrected: 12 late referrals added."))).ReadStoredAsync()).Returns.Single();

        Assert.Equal(2, revised.Revision);
        var history = await scenario.Commissioner.GetFromJsonAsync<ReturnHistoryResponse>(
            $"/api/contracts/{scenario.ContractId}/measures/a1/returns/2016-07", JsonDefaults.Web);
        Assert.Equal(("A1", "2016-07", new DateOnly(2016, 8, 15)), (history!.MeasureCode, history.Period, history.DueDate));
        Assert.Equal(revised, history.Current);
        Assert.Equal([(1, 50m, "pat.provider", "First count."), (2, 55.5m, "sam.analyst", "Corrected: 12 late referrals added.")],
            history.Revisions.Select(r => (r.Revision, r.Value, r.SubmittedBy, r.Commentary!)));
        Assert.True(history.Revisions[0].SubmittedAt <= history.Revisions[1].SubmittedAt);
        Assert.Equal([55.5m], (await scenario.Provider.ListAsync(scenario.ContractId)).Returns.Select(r => r.Value));
    }

    /// <summary>Every rule of the returns issue, each as the third row of an otherwise good batch.</summary>
    public static TheoryData<string, string, string> BadRows => new()
    {
        { """{"measureCode":"ZZ9","period":"2016-07","value":50}""", "measureCode", "'ZZ9' is not a measure of this contract" },
        { """{"period":"2016-07","value":50}""", "measureCode", "'measureCode' is required" },
        { """{"measureCode":"A1","value":50}""", "period", "'period' is required" },
        { """{"measureCode":"A1","period":"2016/07","value":50}""", "period", "Use a month such as 2016-07, a quarter such as 2016-17-Q1" },
        { """{"measureCode":"A1","period":"July 2016","value":50}""", "period", "is not a period" },
        { """{"measureCode":"A1","period":"2016-17-Q2","value":50}""", "period", "is a quarter, but this measure is reported monthly" },
        { """{"measureCode":"Q1","period":"2016-08","value":50}""", "period", "is a month, but this measure is reported quarterly" },
        { """{"measureCode":"Y1","period":"2016-17-Q1","value":50}""", "period", "is a quarter, but this measure is reported annually" },
        { """{"measureCode":"A1","period":"2016-03","value":50}""", "period", "outside the contract's term (2016-04-01 to 2019-03-31)" },
        { """{"measureCode":"A1","period":"2019-04","value":50}""", "period", "outside the contract's term" },
        { """{"measureCode":"A1","period":"2016-07"}""", "value", "'value' is required" },
        { """{"measureCode":"A1","period":"2016-07","value":100.1}""", "value", "percentage from 0 to 100" },
        { """{"measureCode":"A1","period":"2016-07","value":-0.1}""", "value", "percentage from 0 to 100" },
        { """{"measureCode":"A1","period":"2016-07","value":61.25}""", "value", "at most 1 decimal place" },
        { """{"measureCode":"C2","period":"2016-07","value":2.5}""", "value", "whole number" },
        { """{"measureCode":"C2","period":"2016-07","value":-1}""", "value", "whole number of 0 or more" },
        { """{"measureCode":"Y1","period":"2016-17","value":1000000000000}""", "value", "must be between" },
        { """{"measureCode":"A1","period":"2016-07","value":50,"numerator":5}""", "denominator", "send both or neither" },
        { """{"measureCode":"A1","period":"2016-07","value":50,"denominator":10}""", "numerator", "send both or neither" },
        { """{"measureCode":"A1","period":"2016-07","value":50,"numerator":0,"denominator":0}""", "denominator", "more than 0" },
        { """{"measureCode":"A1","period":"2016-07","value":50,"numerator":-1,"denominator":10}""", "numerator", "from 0" },
        { """{"measureCode":"A1","period":"2016-07","value":100,"numerator":11,"denominator":10}""", "numerator", "not be more than 'denominator'" },
        { """{"measureCode":"A1","period":"2016-07","value":33.4,"numerator":1,"denominator":3}""", "value", "1 / 3 is 33.3% to 1 decimal place" },
        { """{"measureCode":"A1","period":"2016-07","value":50,"numerator":1.0000001,"denominator":2}""", "numerator", "at most 6 decimal places" },
        { $$"""{"measureCode":"A1","period":"2016-07","value":50,"commentary":"{{new string('x', 4001)}}"}""", "commentary", "at most 4000 characters" },
        { """{"measureCode":"A1","period":"2016-07","value":50,"commentary":"bell\u0007"}""", "commentary", "control characters" },
        { """{"measureCode":"a1","period":"2016-05","value":50}""", "period", "A1 for 2016-05 is already in returns[0]" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task EveryRuleRejectsTheBatchNamingTheRowAndFieldAndStoresNothing(string badRow, string field, string message)
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start, End);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Provider.SubmitJsonAsync(scenario.ContractId, $$"""
            { "returns": [
                {"measureCode":"A1","period":"2016-05","value":50,"numerator":1,"denominator":2},
                {"measureCode":"C2","period":"2016-05","value":3},
                {{badRow}}
            ] }
            """);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(message, Assert.Single(problem.ErrorsFor($"returns[2].{field}")), StringComparison.Ordinal);
        Assert.Single(problem.GetProperty("errors").EnumerateObject());
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task APeriodThatHasNotBegunIsInTheFuture()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start);
        var nextMonth = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2);

        var response = await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", $"{nextMonth:yyyy-MM}", 50));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("is in the future", problem.ErrorsFor("returns[0].period")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANullRowIsNamedByItsIndex()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start, End);
        var response = await scenario.Provider.SubmitJsonAsync(scenario.ContractId,
            """{ "returns": [ {"measureCode":"A1","period":"2016-05","value":50}, null ] }""");
        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("must be a return", problem.ErrorsFor("returns[1]")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryBadRowIsReportedInOneAnswer()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start, End);

        var response = await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2016-07", 101), Row("A1", "2016-08", 50), Row("C2", "2016-13", 1), Row("NOPE", "2016-07", 1));

        var errors = (await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors");
        Assert.Equal(["returns[0].value", "returns[2].period", "returns[3].measureCode"], errors.EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task OneBadRowInAThousandStoresNothing()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, new DateOnly(1940, 4, 1));
        var rows = Enumerable.Range(0, 999).Select(i => Row("C2", $"{1940 + (i / 12)}-{(i % 12) + 1:D2}", i)).Append(Row("C2", "1941-01", 1.5m)).ToArray();
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Provider.SubmitAsync(scenario.ContractId, null, rows);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("whole number", problem.ErrorsFor("returns[999].value")[0], StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
        Assert.Empty((await scenario.Provider.ListAsync(scenario.ContractId)).Returns);
    }

    [Theory]
    [InlineData("""{}""", "returns", "'returns' is required")]
    [InlineData("""{"returns":[]}""", "returns", "at least one")]
    [InlineData("""{"returns":[{"measureCode":"A1","period":"2016-07","value":"fifty"}]}""", "returns[0].value", "must be a number")]
    [InlineData("""{"returns":[{"measureCode":"A1","period":"2016-07","value":50,"note":"x"}]}""", "returns[0].note", "not a field")]
    public async Task ABodyOfTheWrongShapeIsABadRequest(string json, string field, string message)
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start, End);
        var problem = await (await scenario.Provider.SubmitJsonAsync(scenario.ContractId, json)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.ErrorsFor(field)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABatchOfMoreThanFiveThousandRowsIsRefused()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start, End);
        var rows = Enumerable.Range(0, 5001).Select(_ => Row("A1", "2016-07", 1)).ToArray();
        var problem = await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, rows)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("at most 5000", problem.ErrorsFor("returns")[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Panel)]
    [InlineData(Role.Commissioner)]
    [InlineData(Role.Admin)]
    public async Task OnlyTheTrustMaySubmit(Role role)
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start, End);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var client = api.ClientFor(role, scenario.Council);

        await (await client.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 50))).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await client.SubmitCsvAsync(scenario.ContractId, "measureCode,period,value\nA1,2016-07,50\n")).ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task AnotherTrustCannotSubmitOrReadAndIsNotToldTheContractExists()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start, End);
        var other = await Scenario.CreateAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        await (await other.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 50))).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await other.Provider.GetAsync($"/api/contracts/{scenario.ContractId}/returns")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await other.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/measures/A1/returns/2016-07")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task TwentyConcurrentBatchesAllLandWithUniqueRevisions()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, Start, End);
        var months = Enumerable.Range(0, 20).Select(i => $"{2016 + ((i + 3) / 12)}-{((i + 3) % 12) + 1:D2}").ToList();

        // Each batch has its own month for C2 and all of them also revise A1 for 2016-04.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            api.ClientFor(Role.Provider, scenario.Trust, $"user{i}").SubmitAsync(scenario.ContractId, null,
                Row("C2", months[i], i), Row("A1", "2016-04", i))));

        foreach (var response in responses)
        {
            await response.ReadStoredAsync();
        }

        var current = (await scenario.Provider.ListAsync(scenario.ContractId)).Returns;
        Assert.Equal(months.Order(), current.Where(r => r.MeasureCode == "C2").Select(r => r.Period).Order());
        var history = await scenario.Provider.GetFromJsonAsync<ReturnHistoryResponse>(
            $"/api/contracts/{scenario.ContractId}/measures/A1/returns/2016-04", JsonDefaults.Web);
        Assert.Equal(Enumerable.Range(1, 20), history!.Revisions.Select(r => r.Revision));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (decimal)i).Order(), history.Revisions.Select(r => r.Value).Order());
        Assert.Equal(20, history.Current.Revision);
    }
}
