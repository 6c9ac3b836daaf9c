using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Evaluations;

/// <summary>
/// A contract from April 2026, four months of returns, an evaluation through the real job server,
/// and every read checked against DESIGN §3.2–§3.4 worked by hand. Today is 20 August 2026, so April
/// to July are due and August has begun.
/// </summary>
public sealed class EvaluationEndToEndTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly DateTimeOffset Today = new(2026, 8, 20, 9, 0, 0, TimeSpan.FromHours(1));

    /// <summary>
    /// Target 60, tolerance 55, higher is better. A1: red, red, red, green (raised, climbed,
    /// recovering). B1: red, red, green, green (raised, resolved). D1: green all along but falling
    /// (a sustained decline). M1: never sent (missing returns, climbing).
    /// </summary>
    private async Task<Scenario> EvaluatedScenarioAsync()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        foreach (var code in new[] { "A1", "B1", "D1", "M1" })
        {
            await scenario.AddMeasureAsync(code, Polarity.HigherIsBetter, MeasureUnit.Percent, 1);
            await scenario.SetTargetAsync(code, "2026-27", 60m, 55m);
        }

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-04", 50m), Row("A1", "2026-05", 52m), Row("A1", "2026-06", 54m), Row("A1", "2026-07", 61m),
            Row("B1", "2026-04", 50m), Row("B1", "2026-05", 50m), Row("B1", "2026-06", 61m), Row("B1", "2026-07", 62m),
            Row("D1", "2026-04", 70m), Row("D1", "2026-05", 68m), Row("D1", "2026-06", 66m), Row("D1", "2026-07", 64m)))
            .EnsureSuccessStatusCode();
        await scenario.RequestEvaluationAsync();
        return scenario;
    }

    [Fact]
    public async Task StatusShowsEachMeasuresLatestEndedPeriodWithItsOpenEscalation()
    {
        var scenario = await EvaluatedScenarioAsync();

        var status = await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status");

        Assert.Equal(new DateOnly(2026, 8, 20), status!.AsOf);
        Assert.Equal(
            [
                "A1 2026-07 61 OnTarget Improving SustainedFailure/2/Recovering",
                "B1 2026-07 62 OnTarget Improving -",
                "D1 2026-07 64 OnTarget Declining SustainedDecline/1/Open",
                "M1 2026-07 - Missing - MissingReturns/3/Open",
            ],
            status.Measures.Select(m =>
                $"{m.Code} {m.Period} {m.Value?.ToString(CultureInfo.InvariantCulture) ?? "-"} {m.Rating} {m.Direction?.ToString() ?? "-"} " +
                (m.Escalation is { } e ? $"{e.Reason}/{e.Level}/{e.Status}" : "-")));
        Assert.All(status.Measures, m => Assert.Equal((60m, 55m), (m.Target!.Value, m.Tolerance!.Value)));
        Assert.Equal("Scrutiny panel", status.Measures.Single(m => m.Code == "M1").Escalation!.LevelName);
    }

    [Fact]
    public async Task SummaryCountsTheStatus()
    {
        var scenario = await EvaluatedScenarioAsync();

        var summary = await scenario.Commissioner.GetAsync<SummaryResponse>($"/api/contracts/{scenario.ContractId}/summary?asOf=2026-08-20");

        Assert.Equal(new SummaryResponse(new DateOnly(2026, 8, 20), 4, 3, 0, 0, 1, 0, 2, 1, 3), summary);
    }

    [Fact]
    public async Task StatusAsOfAnEarlierDateShowsTheMonthThatHadEndedThen()
    {
        var scenario = await EvaluatedScenarioAsync();

        var status = await scenario.Provider.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status?asOf=2026-06-30");

        Assert.Equal(
            ["A1 2026-06 Failing Improving", "B1 2026-06 OnTarget Improving", "D1 2026-06 OnTarget Declining", "M1 2026-06 Missing -"],
            status!.Measures.Select(m => $"{m.Code} {m.Period} {m.Rating} {m.Direction?.ToString() ?? "-"}"));
    }

    [Fact]
    public async Task HistoryListsEveryPeriodWithTheFutureOnesPending()
    {
        var scenario = await EvaluatedScenarioAsync();

        var history = await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/a1/history");

        Assert.Equal("A1", history!.Code);
        Assert.Equal(
            ["2026-04 50 Failing -", "2026-05 52 Failing Improving", "2026-06 54 Failing Improving", "2026-07 61 OnTarget Improving", "2026-08 - Pending -"],
            history.Periods.Select(p => $"{p.Period} {p.Value?.ToString(CultureInfo.InvariantCulture) ?? "-"} {p.Rating} {p.Direction?.ToString() ?? "-"}"));
        var window = await scenario.Panel.GetAsync<HistoryResponse>(
            $"/api/contracts/{scenario.ContractId}/measures/A1/history?from=2026-05&to=2026-06");
        Assert.Equal(["2026-05", "2026-06"], window!.Periods.Select(p => p.Period));
    }

    [Fact]
    public async Task EscalationsCarryTheirEventsPeriodByPeriod()
    {
        var scenario = await EvaluatedScenarioAsync();

        var all = await scenario.Commissioner.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations?status=All");

        Assert.Equal(
            [
                "A1 SustainedFailure L2 Recovering 2026-05..2026-07: Raised@2026-05/1 Escalated@2026-06/2 Recovering@2026-07/2",
                "B1 SustainedFailure L1 Resolved 2026-05..2026-07: Raised@2026-05/1 Recovering@2026-06/1 Resolved@2026-07/1",
                "D1 SustainedDecline L1 Open 2026-07..2026-07: Raised@2026-07/1",
                "M1 MissingReturns L3 Open 2026-05..2026-07: Raised@2026-05/1 Escalated@2026-06/2 Escalated@2026-07/3",
            ],
            all!.Escalations.OrderBy(e => e.MeasureCode).Select(e =>
                $"{e.MeasureCode} {e.Reason} L{e.Level} {e.Status} {e.OpenedPeriod}..{e.LastPeriod}: " +
                string.Join(" ", e.Events.Select(v => $"{v.Type}@{v.Period}/{v.Level}"))));
        var resolved = await scenario.Commissioner.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations?status=resolved");
        Assert.Equal(["B1"], resolved!.Escalations.Select(e => e.MeasureCode));
        var one = await scenario.Provider.GetAsync<EscalationResponse>($"/api/escalations/{resolved.Escalations[0].Id}");
        Assert.Equal(3, one!.Events.Count);
        Assert.All(one.Events, e => Assert.Equal("system:evaluator", e.Actor));
    }

    [Fact]
    public async Task ASecondEvaluationChangesNothing()
    {
        var scenario = await EvaluatedScenarioAsync();
        var status = await scenario.Commissioner.GetStringAsync($"/api/contracts/{scenario.ContractId}/status");
        var escalations = await scenario.Commissioner.GetStringAsync($"/api/contracts/{scenario.ContractId}/escalations");
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var again = await scenario.RequestEvaluationAsync();

        Assert.Equal((0, 0), (again.EvaluationsWritten, again.EventsWritten));
        var after = await DatabaseCounts.ReadAsync(api.ConnectionString);
        // The request itself is a row, and audited; nothing else is written.
        Assert.Equal(before.Where(c => c.Key is not ("EvaluationRequests" or "AuditLog")), after.Where(c => c.Key is not ("EvaluationRequests" or "AuditLog")));
        Assert.Equal(before["EvaluationRequests"] + 1, after["EvaluationRequests"]);
        Assert.Equal(status, await scenario.Commissioner.GetStringAsync($"/api/contracts/{scenario.ContractId}/status"));
        Assert.Equal(escalations, await scenario.Commissioner.GetStringAsync($"/api/contracts/{scenario.ContractId}/escalations"));
    }

    [Fact]
    public async Task ALateReturnResolvesTheMissingReturnsEscalationAndSaysWhy()
    {
        var scenario = await EvaluatedScenarioAsync();
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("M1", "2026-04", 61m), Row("M1", "2026-05", 61m), Row("M1", "2026-06", 61m), Row("M1", "2026-07", 61m)))
            .EnsureSuccessStatusCode();

        await scenario.RequestEvaluationAsync();

        var escalations = await scenario.Commissioner.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations");
        var missing = escalations!.Escalations.Single(e => e.MeasureCode == "M1");
        Assert.Equal(EscalationStatus.Resolved, missing.Status);
        var resolved = missing.Events[^1];
        // No period caused it: the returns it was raised for arrived after all.
        Assert.Equal((EscalationEventType.Resolved, null), (resolved.Type, resolved.Period));
        Assert.Equal("late returns for 2026-04, 2026-05, 2026-06 and 2026-07", resolved.Cause);
        Assert.Contains("no longer support it, after the late returns for 2026-04, 2026-05, 2026-06 and 2026-07", resolved.Note, StringComparison.Ordinal);
        Assert.Equal(4, missing.Events.Count); // history is kept: Raised, Escalated, Escalated, Resolved
    }

    [Fact]
    public async Task TheCommissionerAcknowledgesAnOpenEscalationWithANote()
    {
        var scenario = await EvaluatedScenarioAsync();
        var list = await scenario.Commissioner.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations?status=Open");
        var missing = list!.Escalations.Single(e => e.MeasureCode == "M1");
        var resolved = (await scenario.Commissioner.GetAsync<EscalationListResponse>(
            $"/api/contracts/{scenario.ContractId}/escalations?status=Resolved"))!.Escalations.Single();
        var url = $"/api/escalations/{missing.Id}/acknowledge";
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        await (await scenario.Provider.PostAsJsonAsync(url, new AcknowledgeEscalationRequest("Seen"), JsonDefaults.Web))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await scenario.Panel.PostAsJsonAsync(url, new AcknowledgeEscalationRequest("Seen"), JsonDefaults.Web))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await api.ClientFor(Role.Commissioner, "another-council").PostAsJsonAsync(url, new AcknowledgeEscalationRequest("Seen"), JsonDefaults.Web))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.ClientFor(Role.Commissioner, "another-council").GetAsync($"/api/escalations/{missing.Id}"))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        var blank = await (await scenario.Commissioner.PostAsJsonAsync(url, new AcknowledgeEscalationRequest("  "), JsonDefaults.Web))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(blank.ErrorsFor("note"));
        await (await scenario.Commissioner.PostAsJsonAsync($"/api/escalations/{resolved.Id}/acknowledge",
            new AcknowledgeEscalationRequest("Seen"), JsonDefaults.Web)).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));

        var response = await scenario.Commissioner.PostAsJsonAsync(url,
            new AcknowledgeEscalationRequest("Raised at the September challenge meeting."), JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var acknowledged = (await response.Content.ReadFromJsonAsync<EscalationResponse>(JsonDefaults.Web))!;
        var last = acknowledged.Events[^1];
        Assert.Equal((EscalationEventType.Acknowledged, "carol.commissioner", "Raised at the September challenge meeting.", 3),
            (last.Type, last.Actor, last.Note, last.Level));
        Assert.Equal(EscalationStatus.Open, acknowledged.Status);
        var after = await DatabaseCounts.ReadAsync(api.ConnectionString);
        Assert.Equal((before["EscalationEvents"] + 1, before["AuditLog"] + 1), (after["EscalationEvents"], after["AuditLog"]));
    }

    [Fact]
    public async Task OnlyTheCouncilMayAskForAnEvaluationAndOthersCannotSeeIt()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        var url = $"/api/contracts/{scenario.ContractId}/evaluations";
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        await (await scenario.Provider.PostAsync(url, null)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await scenario.Panel.PostAsync(url, null)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await api.ClientFor(Role.Admin, "another-council").PostAsync(url, null)).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await api.ClientFor(Role.Provider, "another-trust").GetAsync($"/api/contracts/{scenario.ContractId}/status"))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));

        Assert.Equal(HttpStatusCode.Accepted, (await scenario.Admin.PostAsync(url, null)).StatusCode);
    }

    [Theory]
    [InlineData("status?asOf=20-08-2026", "asOf")]
    [InlineData("summary?asOf=2026-02-30", "asOf")]
    [InlineData("escalations?status=Closed", "status")]
    [InlineData("escalations?status=1", "status")]
    [InlineData("measures/A1/history?from=2026-Q1", "from")]
    [InlineData("measures/A1/history?from=2026-07&to=2026-05", "to")]
    [InlineData("measures/A1/history?from=2026-27-Q3&to=2026-07", "to")]
    [InlineData("status?knownAt=2026-08-21", "knownAt")]
    [InlineData("summary?knownAt=2026-08-20T10:00:00Z", "knownAt")]
    [InlineData("split-screen?knownAt=yesterday", "knownAt")]
    [InlineData("escalations?knownAt=2026-08-20T25:00Z", "knownAt")]
    [InlineData("measures/A1/history?knownAt=1066-10-14", "knownAt")]
    [InlineData("status?knownAt=2026-08-19T12:00", "knownAt")]
    public async Task BadQueriesAreNamed(string query, string field)
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");

        var problem = await (await scenario.Commissioner.GetAsync($"/api/contracts/{scenario.ContractId}/{query}"))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.ErrorsFor(field));
    }
}
