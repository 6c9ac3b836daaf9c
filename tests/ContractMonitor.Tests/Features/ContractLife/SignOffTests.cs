using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Audit;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Contracts.SignOff;
using ContractMonitor.Contracts.SplitScreen;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.ContractLife;

/// <summary>Issue 20: the trust signs a period off, the council accepts or queries it, and an accepted period is locked.</summary>
public sealed class SignOffTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly DateTimeOffset Today = new(2026, 9, 20, 9, 0, 0, TimeSpan.Zero);

    private async Task<Scenario> ContractWithJulyAsync()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.AddMeasureAsync("B1");
        await scenario.AddMeasureAsync("Q1", frequency: ContractMonitor.Contracts.Measures.Frequency.Quarterly);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 61m), Row("B1", "2026-07", 40m)))
            .EnsureSuccessStatusCode();
        return scenario;
    }

    private static async Task<PeriodStateResponse> StepAsync(HttpClient client, Scenario scenario, string period, string step, object? body = null)
    {
        var response = await client.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/periods/{period}/{step}", body ?? new { }, JsonDefaults.Web);
        Assert.True(response.IsSuccessStatusCode, $"{step}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<PeriodStateResponse>(JsonDefaults.Web))!;
    }

    [Fact]
    public async Task SignedOffQueriedRevisedSignedOffAgainAndAccepted()
    {
        var scenario = await ContractWithJulyAsync();

        var signed = await StepAsync(scenario.Provider, scenario, "2026-07", "sign-off");
        var queried = await StepAsync(scenario.Commissioner, scenario, "2026-07", "query", new PeriodNoteRequest("B1 fell by a third: is it right?"));
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("B1", "2026-07", 41m))).EnsureSuccessStatusCode();
        await StepAsync(scenario.Provider, scenario, "2026-07", "sign-off");
        var accepted = await StepAsync(scenario.Commissioner, scenario, "2026-07", "accept", new PeriodNoteRequest("Agreed at the July meeting."));

        Assert.Equal((PeriodDataState.SignedOff, PeriodDataState.Queried, PeriodDataState.Accepted), (signed.State, queried.State, accepted.State));
        Assert.Equal(["A1", "B1"], signed.Measures);
        Assert.Equal("carol.commissioner", accepted.AcceptedBy);
        var read = await scenario.Panel.GetAsync<PeriodStateResponse>($"/api/contracts/{scenario.ContractId}/periods/2026-07");
        Assert.Equal([(PeriodAction.SignedOff, "pat.provider"), (PeriodAction.Queried, "carol.commissioner"),
                (PeriodAction.SignedOff, "pat.provider"), (PeriodAction.Accepted, "carol.commissioner")],
            read!.History.Select(h => (h.Action, h.Actor)));
        Assert.Equal("B1 fell by a third: is it right?", read.History[1].Note);
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        Assert.Equal(["period.signedOff", "period.queried", "period.signedOff", "period.accepted"],
            audit!.Where(a => a.EntityType == "Period").OrderBy(a => a.Id).Select(a => a.Action));
    }

    [Fact]
    public async Task StatusAndTheSplitScreenShowEachPeriodsState()
    {
        var scenario = await ContractWithJulyAsync();
        await StepAsync(scenario.Provider, scenario, "2026-07", "sign-off");

        var status = await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status?asOf=2026-07-31");
        var august = await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status?asOf=2026-08-31");
        var split = await scenario.Panel.GetAsync<SplitScreenResponse>($"/api/contracts/{scenario.ContractId}/split-screen?asOf=2026-07-31");
        var before = await scenario.Panel.GetAsync<StatusResponse>(
            $"/api/contracts/{scenario.ContractId}/status?asOf=2026-07-31&knownAt={Today.AddDays(-1):yyyy-MM-dd}");

        Assert.Equal([("A1", PeriodDataState.SignedOff), ("B1", PeriodDataState.SignedOff), ("Q1", PeriodDataState.Draft)],
            status!.Measures.Select(m => (m.Code, m.DataState!.Value)));
        Assert.All(august!.Measures.Where(m => m.Period == "2026-08"), m => Assert.Equal(PeriodDataState.Draft, m.DataState));
        Assert.All(split!.Rows.Where(r => r.Period == "2026-07"), r => Assert.Equal(PeriodDataState.SignedOff, r.DataState));
        Assert.DoesNotContain(before!.Measures, m => m.DataState == PeriodDataState.SignedOff);
    }

    [Fact]
    public async Task APeriodWithAMeasureWithoutAFigureCannotBeSignedOff()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.AddMeasureAsync("B1");
        await scenario.AddMeasureAsync("C1");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 61m))).EnsureSuccessStatusCode();

        var response = await scenario.Provider.PostAsync($"/api/contracts/{scenario.ContractId}/periods/2026-07/sign-off", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("B1 has no figure for 2026-07", body, StringComparison.Ordinal);
        Assert.Contains("C1 has no figure for 2026-07", body, StringComparison.Ordinal);
        var read = await scenario.Panel.GetAsync<PeriodStateResponse>($"/api/contracts/{scenario.ContractId}/periods/2026-07");
        Assert.Equal((PeriodDataState.Draft, 0), (read!.State, read.History.Count));
    }

    /// <summary>The lock: a batch touching an accepted figure is refused whole; after a reopen the same batch is stored.</summary>
    [Fact]
    public async Task AnAcceptedPeriodRefusesARevisionInABatchAndStoresNothingUntilReopened()
    {
        var scenario = await ContractWithJulyAsync();
        await StepAsync(scenario.Provider, scenario, "2026-07", "sign-off");
        await StepAsync(scenario.Commissioner, scenario, "2026-07", "accept");

        var refused = await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-08", 62m), Row("A1", "2026-07", 59m));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var detail = await refused.Content.ReadAsStringAsync();
        Assert.Contains("2026-07 was accepted by carol.commissioner", detail, StringComparison.Ordinal);
        Assert.Contains("2026-09-20 09:00 UTC", detail, StringComparison.Ordinal);
        var stored = await scenario.Panel.GetAsync<ReturnListResponse>($"/api/contracts/{scenario.ContractId}/returns");
        Assert.Equal([("A1", "2026-07", 61m, 1), ("B1", "2026-07", 40m, 1)], stored!.Returns.Select(r => (r.MeasureCode, r.Period, r.Value, r.Revision)));
        // The same figure again writes nothing, so it is no revision of a locked figure.
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 61m))).EnsureSuccessStatusCode();

        var reopened = await StepAsync(scenario.Commissioner, scenario, "2026-07", "reopen", new ReopenPeriodRequest("A1 was keyed wrongly."));
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-08", 62m), Row("A1", "2026-07", 59m))).EnsureSuccessStatusCode();

        Assert.Equal(PeriodDataState.Draft, reopened.State);
        var after = await scenario.Panel.GetAsync<ReturnListResponse>($"/api/contracts/{scenario.ContractId}/returns?measure=A1");
        Assert.Equal([("2026-07", 59m, 2), ("2026-08", 62m, 1)], after!.Returns.Select(r => (r.Period, r.Value, r.Revision)));
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        Assert.Equal(["return.submitted", "return.submitted", "period.signedOff", "period.accepted", "period.reopened", "return.submitted", "return.submitted"],
            audit!.Where(a => a.EntityType is "Period" or "Return").OrderBy(a => a.Id).Select(a => a.Action));
    }

    [Theory]
    [InlineData("accept", "Only a period the trust has signed off")]
    [InlineData("query", "Only a period the trust has signed off")]
    [InlineData("reopen", "Only an accepted period")]
    public async Task AStepOutOfTurnIsAConflictAndChangesNothing(string step, string expected)
    {
        var scenario = await ContractWithJulyAsync();

        object body = step == "reopen" ? new ReopenPeriodRequest("A reason.") : new PeriodNoteRequest("A note.");
        var response = await scenario.Commissioner.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/periods/2026-07/{step}",
            body, JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var read = await scenario.Panel.GetAsync<PeriodStateResponse>($"/api/contracts/{scenario.ContractId}/periods/2026-07");
        Assert.Empty(read!.History);
    }

    /// <summary>Signed off, the figures wait for the council: a revision needs a query first.</summary>
    [Fact]
    public async Task ASignedOffPeriodRefusesARevisionUntilTheCouncilQueriesIt()
    {
        var scenario = await ContractWithJulyAsync();
        await StepAsync(scenario.Provider, scenario, "2026-07", "sign-off");

        var refused = await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("B1", "2026-07", 41m));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("2026-07 was signed off by pat.provider", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await StepAsync(scenario.Commissioner, scenario, "2026-07", "query", new PeriodNoteRequest("Check B1."));
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("B1", "2026-07", 41m))).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task APeriodNotEndedOrOwingNothingCannotBeSignedOff()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2025, 4, 1));
        await scenario.AddMeasureAsync("A1");

        var running = await scenario.Provider.PostAsync($"/api/contracts/{scenario.ContractId}/periods/2026-09/sign-off", null);
        var noAnnualMeasure = await scenario.Provider.PostAsync($"/api/contracts/{scenario.ContractId}/periods/2025-26/sign-off", null);

        Assert.Equal((HttpStatusCode.UnprocessableEntity, HttpStatusCode.UnprocessableEntity), (running.StatusCode, noAnnualMeasure.StatusCode));
        Assert.Contains("has not ended yet", await running.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("No measure of this contract owes a figure for 2025-26", await noAnnualMeasure.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningOffTwiceIsAConflict()
    {
        var scenario = await ContractWithJulyAsync();
        await StepAsync(scenario.Provider, scenario, "2026-07", "sign-off");

        var again = await scenario.Provider.PostAsync($"/api/contracts/{scenario.ContractId}/periods/2026-07/sign-off", null);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Theory]
    [InlineData("July-2026", HttpStatusCode.BadRequest)]
    [InlineData("2015-07", HttpStatusCode.UnprocessableEntity)]
    public async Task APeriodThatIsNotOneOrOutsideTheTermIsRefused(string period, HttpStatusCode expected)
    {
        var scenario = await ContractWithJulyAsync();

        var response = await scenario.Provider.PostAsync($"/api/contracts/{scenario.ContractId}/periods/{period}/sign-off", null);

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains("\"period\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQueryNeedsANoteAndEachSideTakesOnlyItsOwnSteps()
    {
        var scenario = await ContractWithJulyAsync();

        var byCouncil = await scenario.Commissioner.PostAsync($"/api/contracts/{scenario.ContractId}/periods/2026-07/sign-off", null);
        await StepAsync(scenario.Provider, scenario, "2026-07", "sign-off");
        var byTrust = await scenario.Provider.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/periods/2026-07/accept", new { }, JsonDefaults.Web);
        var noNote = await scenario.Commissioner.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/periods/2026-07/query", new { }, JsonDefaults.Web);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest), (byCouncil.StatusCode, byTrust.StatusCode, noNote.StatusCode));
    }
}
