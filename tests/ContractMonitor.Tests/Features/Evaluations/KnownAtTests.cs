using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.SplitScreen;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Evaluations;

/// <summary>
/// DESIGN §5, issue 16: <c>knownAt</c> answers as the service would have answered at the end of that
/// day. One contract is written on different days with a clock the test moves, each figure arriving
/// and evaluated a month after the last; then every read is asked about a day in between.
/// </summary>
public sealed class KnownAtTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static DateTimeOffset On(int month, int day, int year = 2025) => new(year, month, day, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A1, higher is better, target 60 and tolerance 55 (version 1). April 50 arrives on 10 May, May 50
    /// on 10 June (sustained failure raised), June 70 on 10 July (recovering), July 70 on 10 August
    /// (resolved). On 1 September May is revised to 58; on 2 September the year's target becomes 70
    /// and 65 (version 2); on 3 September the council challenges July. Read on 4 September.
    /// </summary>
    private async Task<Scenario> HistoryAsync()
    {
        api.Clock.Now = On(5, 1);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2025, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2025-26", 60m, 55m);
        foreach (var (month, period, value) in new[] { (5, "2025-04", 50m), (6, "2025-05", 50m), (7, "2025-06", 70m), (8, "2025-07", 70m) })
        {
            api.Clock.Now = On(month, 10);
            (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", period, value))).EnsureSuccessStatusCode();
            await scenario.EvaluateAsync();
        }

        api.Clock.Now = On(9, 1);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2025-05", 58m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        api.Clock.Now = On(9, 2);
        await scenario.SetTargetAsync("A1", "2025-26", 70m, 65m);
        await scenario.EvaluateAsync();
        api.Clock.Now = On(9, 3);
        await scenario.ChallengeAsync("A1", "2025-07", "Is July's recovery real?");
        api.Clock.Now = On(9, 4);
        return scenario;
    }

    private static Task<T?> ReadAsync<T>(Scenario scenario, string query) =>
        scenario.Panel.GetAsync<T>($"/api/contracts/{scenario.ContractId}/{query}");

    [Fact]
    public async Task AReturnNotYetDueIsPendingThenAndItsFigureAndRaisedEscalationShowFromTheDayTheyWereWritten()
    {
        var scenario = await HistoryAsync();

        var beforeMay = (await ReadAsync<StatusResponse>(scenario, "status?asOf=2025-05-31&knownAt=2025-06-05"))!.Measures.Single();
        Assert.Equal((Rating.Pending, (decimal?)null, 0), (beforeMay.Rating, beforeMay.Value, beforeMay.Escalations.Count));

        var status = await ReadAsync<StatusResponse>(scenario, "status?asOf=2025-05-31&knownAt=2025-06-10");
        var may = status!.Measures.Single();
        Assert.Equal(("2025-05", 50m, Rating.Failing, 1, 60m, 1), (may.Period, may.Value!.Value, may.Rating, may.Revision!.Value, may.Target!.Value, may.TargetVersion!.Value));
        var raised = Assert.Single(may.Escalations);
        Assert.Equal((EscalationReason.SustainedFailure, 1, EscalationStatus.Open), (raised.Reason, raised.Level, raised.Status));
        Assert.Equal(raised, may.Escalation);
        Assert.Equal(new DateTimeOffset(2025, 6, 10, 23, 0, 0, TimeSpan.Zero), status.KnownAt);

        var summary = await ReadAsync<SummaryResponse>(scenario, "summary?asOf=2025-05-31&knownAt=2025-06-10");
        Assert.Equal((1, 1, 1), (summary!.Total, summary.Failing, summary.OpenEscalations));
    }

    [Fact]
    public async Task ALaterRevisionAndALaterTargetDoNotReachBackIntoAnEarlierView()
    {
        var scenario = await HistoryAsync();

        var then = (await ReadAsync<StatusResponse>(scenario, "status?asOf=2025-05-31&knownAt=2025-06-30"))!.Measures.Single();
        var now = (await ReadAsync<StatusResponse>(scenario, "status?asOf=2025-05-31"))!.Measures.Single();

        Assert.Equal((50m, 1, 60m, 1, Rating.Failing), (then.Value!.Value, then.Revision!.Value, then.Target!.Value, then.TargetVersion!.Value, then.Rating));
        Assert.Equal((58m, 2, 70m, 2, Rating.Failing), (now.Value!.Value, now.Revision!.Value, now.Target!.Value, now.TargetVersion!.Value, now.Rating));
        Assert.Single(then.Escalations);
        Assert.Empty(now.Escalations);

        var history = await ReadAsync<HistoryResponse>(scenario, "measures/A1/history?knownAt=2025-07-20");
        Assert.Equal(["2025-04 50 Failing", "2025-05 50 Failing", "2025-06 70 OnTarget", "2025-07 - Pending"],
            history!.Periods.Select(p => $"{p.Period} {p.Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {p.Rating}"));
    }

    [Fact]
    public async Task EscalationsShowTheLevelStatusAndEventsTheyHadThen()
    {
        var scenario = await HistoryAsync();

        var june = (await ReadAsync<EscalationListResponse>(scenario, "escalations?knownAt=2025-06-30"))!.Escalations;
        var july = (await ReadAsync<EscalationListResponse>(scenario, "escalations?status=Recovering&knownAt=2025-07-20"))!.Escalations;
        var now = (await ReadAsync<EscalationListResponse>(scenario, "escalations"))!.Escalations;

        var open = Assert.Single(june);
        Assert.Equal((EscalationStatus.Open, 1, "2025-05"), (open.Status, open.Level, open.OpenedPeriod));
        Assert.Equal([EscalationEventType.Raised], open.Events.Select(e => e.Type));
        Assert.Equal(open.Id, Assert.Single(july).Id);
        Assert.Equal(EscalationStatus.Recovering, july[0].Status);
        Assert.Equal(EscalationStatus.Resolved, now.Single(e => e.Id == open.Id).Status);
        Assert.True(now.Single(e => e.Id == open.Id).Events.Count > 2);

        var recovering = (await ReadAsync<StatusResponse>(scenario, "status?knownAt=2025-07-20"))!.Measures.Single();
        Assert.Equal(("2025-06", EscalationStatus.Recovering), (recovering.Period, recovering.Escalation!.Status));
    }

    [Fact]
    public async Task TheSplitScreenShowsOnlyWhatHadBeenSaidByThen()
    {
        var scenario = await HistoryAsync();

        var august = await ReadAsync<SplitScreenResponse>(scenario, "split-screen?asOf=2025-07-31&knownAt=2025-08-31");
        var now = await ReadAsync<SplitScreenResponse>(scenario, "split-screen?asOf=2025-07-31");

        Assert.Equal(("2025-07", 70m), (august!.Rows[0].Period, august.Rows[0].Provider.Value!.Value));
        Assert.Empty(august.Rows[0].Commissioner.Challenges);
        Assert.Single(now!.Rows[0].Commissioner.Challenges);
        Assert.Equal((60m, 70m), (august.Rows[0].Target!.Value, now.Rows[0].Target!.Value));
    }

    [Fact]
    public async Task BeforeAnythingWasWrittenNothingIsKnown()
    {
        var scenario = await HistoryAsync();

        Assert.Empty((await ReadAsync<StatusResponse>(scenario, "status?knownAt=2025-04-30"))!.Measures);
        Assert.Equal(0, (await ReadAsync<SummaryResponse>(scenario, "summary?knownAt=2025-04-30"))!.Total);
        Assert.Empty((await ReadAsync<EscalationListResponse>(scenario, "escalations?knownAt=2025-04-30"))!.Escalations);
        Assert.Empty((await ReadAsync<HistoryResponse>(scenario, "measures/A1/history?knownAt=2025-04-30"))!.Periods);
        Assert.Empty((await ReadAsync<SplitScreenResponse>(scenario, "split-screen?knownAt=2025-04-30"))!.Rows);
    }

    [Fact]
    public async Task WhatWasKnownAMomentAgoIsWhatTheStoredRatingsSayNow()
    {
        var scenario = await HistoryAsync();

        foreach (var asOf in new[] { "2025-04-30", "2025-05-31", "2025-06-30", "2025-07-31", "2025-08-31" })
        {
            var stored = await ReadAsync<StatusResponse>(scenario, $"status?asOf={asOf}");
            var workedOut = await ReadAsync<StatusResponse>(scenario, $"status?asOf={asOf}&knownAt=2025-09-04T08:00:00Z");
            Assert.Equal(JsonSerializer.Serialize(stored!.Measures, JsonDefaults.Web), JsonSerializer.Serialize(workedOut!.Measures, JsonDefaults.Web));
        }
    }

    [Fact]
    public async Task AReturnIsPendingUntilItsDueDayHasEndedThenMissingAndAWriteAfterMidnightBelongsToTheNextDay()
    {
        api.Clock.Now = On(5, 1);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2025, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2025-26", 60m, 55m);
        // 23:30 UTC on 10 June is 00:30 on 11 June in England (BST).
        api.Clock.Now = new DateTimeOffset(2025, 6, 10, 23, 30, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2025-04", 61m))).EnsureSuccessStatusCode();
        api.Clock.Now = On(6, 20);

        async Task<MeasureStatus> AprilAsync(string knownAt) =>
            (await ReadAsync<StatusResponse>(scenario, $"status?asOf=2025-04-30&knownAt={knownAt}"))!.Measures.Single();

        // April's return was due on 15 May: not owed yet at the end of that day, missing the day after.
        Assert.Equal(Rating.Pending, (await AprilAsync("2025-05-15")).Rating);
        Assert.Equal(Rating.Missing, (await AprilAsync("2025-05-16")).Rating);
        Assert.Equal(Rating.Missing, (await AprilAsync("2025-06-10")).Rating);
        var sent = await AprilAsync("2025-06-11");
        Assert.Equal((61m, Rating.OnTarget, RatingCaveat.Late), (sent.Value!.Value, sent.Rating, Assert.Single(sent.Flags)));
        Assert.Equal(Rating.Missing, (await AprilAsync("2025-06-10T23:29:59Z")).Rating);
    }
}
