using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Papers;

/// <summary>Issue 18: a monthly measure's quarters and years through the history read.</summary>
public sealed class RolledHistoryTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private async Task<Scenario> PercentAsync()
    {
        api.Clock.Now = new DateTimeOffset(2016, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2016-17", 60m, 55m);
        // Q1: 40 of 100, 30 of 50, 50 of 50 is 80 of 200, 40 %. Q2: July and August only.
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2016-04", 40m, 40m, 100m), Row("A1", "2016-05", 30m, 15m, 50m), Row("A1", "2016-06", 50m, 25m, 50m),
            Row("A1", "2016-07", 60m, 60m, 100m), Row("A1", "2016-08", 70m, 70m, 100m))).EnsureSuccessStatusCode();
        return scenario;
    }

    [Fact]
    public async Task QuartersAreWorkedOutFromTheMonthsAndAQuarterMissingAMonthSaysSo()
    {
        var scenario = await PercentAsync();

        var history = (await scenario.Panel.GetAsync<HistoryResponse>(
            $"/api/contracts/{scenario.ContractId}/measures/A1/history?rollup=Quarterly&to=2016-17-Q2"))!;

        Assert.Equal(["2016-17-Q1", "2016-17-Q2"], history.Periods.Select(p => p.Period));
        var (q1, q2) = (history.Periods[0], history.Periods[1]);
        Assert.Equal((40.0m, Rating.Failing, Rollup.NumeratorOverDenominator, 3, 3, (string?)null, 60m), (q1.Value, q1.Rating, q1.Rollup, q1.PartsIn, q1.PartsOwed, q1.Note, q1.Target));
        Assert.Empty(q1.Flags);
        Assert.Equal((65.0m, Rating.OnTarget, 2, 3, Direction.Improving), (q2.Value, q2.Rating, q2.PartsIn, q2.PartsOwed, q2.Direction));
        Assert.Contains(RatingCaveat.Incomplete, q2.Flags);
        Assert.Equal("Incomplete: no figure for 2016-09.", q2.Note);
    }

    [Fact]
    public async Task AYearIsWorkedOutTheSameWayAndKnownAtAppliesToIt()
    {
        var scenario = await PercentAsync();
        var before = api.Clock.Now;
        api.Clock.Now = before.AddDays(1);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-04", 100m, 100m, 100m))).EnsureSuccessStatusCode();

        var now = (await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history?rollup=Annual"))!;
        var then = (await scenario.Panel.GetAsync<HistoryResponse>(
            $"/api/contracts/{scenario.ContractId}/measures/A1/history?rollup=Annual&knownAt={before:yyyy-MM-dd}"))!;

        // 270 of 400 now; 210 of 400 before April was revised.
        Assert.Equal(("2016-17", 67.5m, 5, 12), (now.Periods.Single().Period, now.Periods.Single().Value, now.Periods.Single().PartsIn, now.Periods.Single().PartsOwed));
        Assert.Equal(52.5m, then.Periods.Single().Value);
    }

    [Theory]
    [InlineData("Monthly", "'Monthly' is not a rollup")]
    [InlineData("Weekly", "'Weekly' is not a rollup")]
    [InlineData("3", "'3' is not a rollup")]
    public async Task ABadRollupIsNamed(string rollup, string message)
    {
        var scenario = await PercentAsync();

        var response = await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/measures/A1/history?rollup={rollup}");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith(message, problem.ErrorsFor("rollup")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnnualMeasureCannotBeShownByQuarter()
    {
        api.Clock.Now = new DateTimeOffset(2016, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("Y1", frequency: Frequency.Annual);

        var response = await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/measures/Y1/history?rollup=Quarterly");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("Y1 is annual: its figures cannot be shown by quarter.", problem.ErrorsFor("rollup")[0]);
    }

    [Fact]
    public async Task AMeasureSaysItsRollupAndACountCannotBeWeightedByDenominators()
    {
        api.Clock.Now = new DateTimeOffset(2016, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api);

        var percent = await scenario.AddMeasureAsync("P1");
        var staff = await scenario.AddMeasureAsync("S1", unit: MeasureUnit.Number, decimals: 0);
        var referrals = await scenario.AddMeasureAsync("C1", unit: MeasureUnit.Count, decimals: 0, rollup: Rollup.Sum);
        var refused = await scenario.Admin.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures",
            new CreateMeasureRequest("C2", "Count", null, null, MeasureUnit.Count, Polarity.HigherIsBetter, Frequency.Monthly, 0, null,
                Rollup.NumeratorOverDenominator), ContractMonitor.Contracts.JsonDefaults.Web);

        Assert.Equal((Rollup.NumeratorOverDenominator, Rollup.Latest, Rollup.Sum), (percent.Rollup, staff.Rollup, referrals.Rollup));
        var problem = await refused.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("NumeratorOverDenominator needs a Percent or Rate measure", problem.ErrorsFor("rollup")[0], StringComparison.Ordinal);
    }
}
