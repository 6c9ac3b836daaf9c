using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Contracts.SplitScreen;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Spc;

/// <summary>Issue 19 over HTTP: a measure's XmR chart, its recorded recalculations, and the icons on the status and split screen.</summary>
public sealed class SpcEndpointTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task TheChartShowsTheShiftAsAConcernWithItsLimitsAndIcons()
    {
        var scenario = await SpcScenario.CreateAsync(api);

        var chart = (await scenario.Panel.GetAsync<SpcResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/spc"))!;

        Assert.Equal(19, chart.Points.Count);
        var segment = chart.Segments.Single();
        Assert.Equal(("2024-04", "2025-10", 19), (segment.From, segment.To, segment.Points));
        Assert.All(chart.Points.TakeLast(7), p => Assert.Equal((PointType.Concern, SpecialCauseRule.Shift), (p.PointType!.Value, p.Rule!.Value)));
        Assert.Equal(Variation.ConcernLow, chart.Variation);
        Assert.Equal(Assurance.HitAndMiss, chart.Assurance);
        Assert.False(chart.InsufficientData);
        Assert.Equal(60m, chart.Target);

        var b1 = (await scenario.Panel.GetAsync<SpcResponse>($"/api/contracts/{scenario.ContractId}/measures/B1/spc"))!;
        Assert.True(b1.InsufficientData);
        Assert.Equal(5, b1.Segments.Single().Points);
        Assert.Null(b1.Variation);
    }

    [Fact]
    public async Task ABaselineOrARecalculationChangesTheLimitsAndBadOnesAreNamed()
    {
        var scenario = await SpcScenario.CreateAsync(api);
        var url = $"/api/contracts/{scenario.ContractId}/measures/A1/spc";

        var fixedOn = (await scenario.Panel.GetAsync<SpcResponse>(url + "?baseline=12"))!;
        var split = (await scenario.Panel.GetAsync<SpcResponse>(url + "?recalculateAt=2025-04"))!;
        var bad = await scenario.Panel.GetAsync(url + "?baseline=11&recalculateAt=2025-13&from=soon");
        var backwards = await scenario.Panel.GetAsync(url + "?from=2025-06&to=2025-01");
        Assert.NotEmpty((await backwards.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("to"));

        Assert.Equal((60m, 12), (fixedOn.Segments[0].Mean!.Value, fixedOn.Segments[0].BaselinePoints));
        Assert.Equal(["2024-04", "2025-04"], split.Segments.Select(s => s.From));
        var problem = await bad.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("12 or more", problem.ErrorsFor("baseline")[0], StringComparison.Ordinal);
        Assert.NotEmpty(problem.ErrorsFor("recalculateAt"));
        Assert.NotEmpty(problem.ErrorsFor("from"));
    }

    [Fact]
    public async Task AnOfficerRecordsARecalculationWithAReasonItIsAuditedAndTheChartUsesIt()
    {
        var scenario = await SpcScenario.CreateAsync(api);
        var url = $"/api/contracts/{scenario.ContractId}/measures/A1/spc/recalculations";

        var wrong = await scenario.Commissioner.PutAsJsonAsync(url, new SpcRecalculationsRequest(
            [new("2025-13", "New system."), new("2025-04", " "), new("2025-04", "Twice.")]), JsonDefaults.Web);
        api.Clock.Now = api.Clock.Now.AddDays(5);
        var recorded = await scenario.Commissioner.PutAsJsonAsync(url, new SpcRecalculationsRequest(
            [new(" 2025-04 ", "New recording system from April 2025.")]), JsonDefaults.Web);
        var panel = await scenario.Panel.PutAsJsonAsync(url, new SpcRecalculationsRequest([]), JsonDefaults.Web);

        Assert.NotEmpty((await wrong.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("recalculations[1].reason"));
        var periods = await scenario.Commissioner.PutAsJsonAsync(url, new SpcRecalculationsRequest(
            [new("2025-13", "New system."), new("2025-04", "New system."), new("2025-04", "Twice."), new("2023-04", "Before the contract.")]), JsonDefaults.Web);
        var periodProblem = await periods.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(periodProblem.ErrorsFor("recalculations[0].period"));
        Assert.Contains("listed twice", periodProblem.ErrorsFor("recalculations[2].period")[0], StringComparison.Ordinal);
        Assert.Contains("outside the contract's term", periodProblem.ErrorsFor("recalculations[3].period")[0], StringComparison.Ordinal);
        var tooLong = await scenario.Commissioner.PutAsJsonAsync(url, new SpcRecalculationsRequest([new("2025-04", new string('x', 2001))]), JsonDefaults.Web);
        Assert.NotEmpty((await tooLong.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("recalculations[0].reason"));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, panel.StatusCode);
        var chart = (await scenario.Panel.GetAsync<SpcResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/spc"))!;
        Assert.Equal([new SpcRecalculation("2025-04", "New recording system from April 2025.")], chart.Recalculations);
        Assert.Equal(2, chart.Segments.Count);
        var audit = await scenario.Admin.GetStringAsync($"/api/contracts/{scenario.ContractId}/audit");
        Assert.Contains("measure.spc-recalculations", audit, StringComparison.Ordinal);

        // The new segment has seven points, too few for limits: the status says nothing rather than something wrong.
        var status = (await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status"))!;
        Assert.Null(status.Measures.Single(m => m.Code == "A1").Variation);
        // As known the day after the figures came, before it was recorded, the limits ran on, and the shift was a concern.
        var before = (await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status?knownAt=2025-11-21"))!;
        Assert.Equal(Variation.ConcernLow, before.Measures.Single(m => m.Code == "A1").Variation);
        var chartBefore = (await scenario.Panel.GetAsync<SpcResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/spc?knownAt=2025-11-21"))!;
        Assert.Empty(chartBefore.Recalculations);

        // The same set again writes nothing more.
        var audited = System.Text.RegularExpressions.Regex.Count(await scenario.Admin.GetStringAsync($"/api/contracts/{scenario.ContractId}/audit"),
            "measure.spc-recalculations");
        (await scenario.Commissioner.PutAsJsonAsync(url, new SpcRecalculationsRequest(
            [new("2025-04", "New recording system from April 2025.")]), JsonDefaults.Web)).EnsureSuccessStatusCode();
        Assert.Equal(audited, System.Text.RegularExpressions.Regex.Count(await scenario.Admin.GetStringAsync($"/api/contracts/{scenario.ContractId}/audit"),
            "measure.spc-recalculations"));
    }

    [Fact]
    public async Task TheStatusAndTheSplitScreenCarryBothIconsNowAndAsKnownBefore()
    {
        var scenario = await SpcScenario.CreateAsync(api);

        var status = (await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status"))!;
        var split = (await scenario.Panel.GetAsync<SplitScreenResponse>($"/api/contracts/{scenario.ContractId}/split-screen"))!;
        var before = (await scenario.Panel.GetAsync<StatusResponse>(
            $"/api/contracts/{scenario.ContractId}/status?knownAt={api.Clock.Now.AddHours(1):yyyy-MM-dd}"))!;
        var earlier = (await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status?asOf=2025-04-30"))!;

        var a1 = status.Measures.Single(m => m.Code == "A1");
        Assert.Equal((Variation.ConcernLow, Assurance.HitAndMiss), (a1.Variation!.Value, a1.Assurance!.Value));
        Assert.Equal((Variation.ConcernLow, Assurance.HitAndMiss), (split.Rows.Single(r => r.MeasureCode == "A1").Variation!.Value,
            split.Rows.Single(r => r.MeasureCode == "A1").Assurance!.Value));
        Assert.Equal(a1.Variation, before.Measures.Single(m => m.Code == "A1").Variation);
        // By the end of April 2025 only one month below: common cause, and thirteen points.
        Assert.Equal(Variation.CommonCause, earlier.Measures.Single(m => m.Code == "A1").Variation);
        Assert.Null(status.Measures.Single(m => m.Code == "B1").Variation);
    }
}
