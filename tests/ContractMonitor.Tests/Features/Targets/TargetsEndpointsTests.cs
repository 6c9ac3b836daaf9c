using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Targets;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Features.Targets;

public sealed class TargetsEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData(Polarity.HigherIsBetter, "60", "55")]
    [InlineData(Polarity.HigherIsBetter, "60", "60")]
    [InlineData(Polarity.LowerIsBetter, "10", "14")]
    [InlineData(Polarity.LowerIsBetter, "10", "10")]
    public async Task ToleranceOnTheWorseSideOrOnTheTargetIsAccepted(Polarity polarity, string target, string tolerance)
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1", polarity);

        var response = await Put(scenario, "A1", "2016-17", decimal.Parse(target, CultureInfo.InvariantCulture), decimal.Parse(tolerance, CultureInfo.InvariantCulture));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var set = await response.Content.ReadFromJsonAsync<TargetResponse>(JsonDefaults.Web);
        Assert.Equal(("2016-17", decimal.Parse(target, CultureInfo.InvariantCulture), decimal.Parse(tolerance, CultureInfo.InvariantCulture), 1, true),
            (set!.Year, set.Target, set.Tolerance, set.Version, set.Current));
    }

    [Theory]
    [InlineData(Polarity.HigherIsBetter, "60", "60.1")]
    [InlineData(Polarity.LowerIsBetter, "10", "9.9")]
    public async Task ToleranceOnTheBetterSideIsRejectedAndNothingIsWritten(Polarity polarity, string target, string tolerance)
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1", polarity);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await Put(scenario, "A1", "2016-17", decimal.Parse(target, CultureInfo.InvariantCulture), decimal.Parse(tolerance, CultureInfo.InvariantCulture));

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains(polarity == Polarity.HigherIsBetter ? "at or below" : "at or above",
            problem.ErrorsFor("tolerance")[0], StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Theory]
    [InlineData("2016-18")]
    [InlineData("2016")]
    [InlineData("16-17")]
    [InlineData("2016-2017")]
    public async Task YearNotWrittenAsAFinancialYearIsABadRequest(string year)
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1");
        var problem = await (await Put(scenario, "A1", year, 60, 55)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("2016-17", problem.ErrorsFor("year")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task YearOutsideTheContractTermIsRejected()
    {
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2016, 10, 1), new DateOnly(2019, 3, 31));
        await scenario.AddMeasureAsync("A1");

        await (await Put(scenario, "A1", "2015-16", 60, 55)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await Put(scenario, "A1", "2019-20", 60, 55)).ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.Created, (await Put(scenario, "A1", "2016-17", 60, 55)).StatusCode);
    }

    [Theory]
    [InlineData(MeasureUnit.Percent, 1, "101", "target")]
    [InlineData(MeasureUnit.Percent, 1, "60.25", "target")]
    [InlineData(MeasureUnit.Count, 0, "-1", "target")]
    [InlineData(MeasureUnit.Number, 0, "1000000000000", "target")]
    public async Task TargetThatDoesNotFitTheUnitIsRejected(MeasureUnit unit, int decimals, string target, string field)
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1", Polarity.LowerIsBetter, unit, decimals);
        var problem = await (await Put(scenario, "A1", "2016-17", decimal.Parse(target, CultureInfo.InvariantCulture), 1000000000000m))
            .ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(problem.ErrorsFor(field));
    }

    [Fact]
    public async Task ChangingATargetAddsAVersionAndRepeatingItChangesNothing()
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1");
        await Put(scenario, "A1", "2016-17", 60, 55);
        await Put(scenario, "A1", "2017-18", 65, 60);

        var changed = await Put(scenario, "A1", "2016-17", 62.5m, 55, "Annual review");
        var countsAfterChange = await DatabaseCounts.ReadAsync(api.ConnectionString);
        var repeated = await Put(scenario, "A1", "2016-17", 62.5m, 55, "Annual review");
        var history = await scenario.Panel.GetFromJsonAsync<TargetHistoryResponse>(
            $"/api/contracts/{scenario.ContractId}/measures/a1/targets", JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeated.StatusCode);
        Assert.Equal(countsAfterChange, await DatabaseCounts.ReadAsync(api.ConnectionString));
        Assert.Equal("A1", history!.Code);
        Assert.Equal(
            [("2016-17", 1, 60m, false), ("2016-17", 2, 62.5m, true), ("2017-18", 1, 65m, true)],
            history.Targets.Select(t => (t.Year, t.Version, t.Target, t.Current)));
        Assert.Equal("alice.admin", history.Targets[1].SetBy);
    }

    [Fact]
    public async Task OnlyAnAdminSetsTargets()
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1");
        var response = await scenario.Commissioner.PutAsJsonAsync(
            $"/api/contracts/{scenario.ContractId}/measures/A1/targets/2016-17", new SetTargetRequest(60, 55, "r"), JsonDefaults.Web);
        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TargetForAnUnknownMeasureIsNotFound()
    {
        var scenario = await Scenario.CreateAsync(api);
        await (await Put(scenario, "NOPE", "2016-17", 60, 55)).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ReasonIsRequired()
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1");
        var problem = await (await Put(scenario, "A1", "2016-17", 60, 55, "")).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor("reason"));
    }

    private static Task<HttpResponseMessage> Put(
        Scenario scenario, string code, string year, decimal target, decimal tolerance, string reason = "Set at contract start") =>
        scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/{code}/targets/{year}",
            new SetTargetRequest(target, tolerance, reason), JsonDefaults.Web);
}
