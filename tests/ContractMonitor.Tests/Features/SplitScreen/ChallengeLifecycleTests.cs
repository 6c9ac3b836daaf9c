using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Claims;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.SplitScreen;

/// <summary>A challenge from Open to Closed, read back after each step.</summary>
public sealed class ChallengeLifecycleTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private async Task<Scenario> ArrangeAsync()
    {
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.AddMeasureAsync("B1");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 52m), Row("B1", "2026-07", 70m)))
            .EnsureSuccessStatusCode();
        return scenario;
    }

    [Fact]
    public async Task OpenThenRespondedThenClosed()
    {
        var scenario = await ArrangeAsync();

        var open = await scenario.ChallengeAsync("a1", " 2026-07 ", "  Why so low?  ", new DateOnly(2026, 8, 27));
        Assert.Equal(("A1", "2026-07", "Why so low?", ChallengeStatus.Open, 1, 52m), (open.MeasureCode, open.Period, open.Text, open.Status, open.ChallengedRevision, open.ChallengedValue));

        var first = await scenario.RespondAsync(open.Id, "Staff sickness.");
        var second = await scenario.RespondAsync(open.Id, "Recovery plan attached.");
        Assert.Equal(ChallengeStatus.Responded, first.Status);
        Assert.Equal(ChallengeStatus.Responded, second.Status);
        Assert.Equal(["Staff sickness.", "Recovery plan attached."], second.Responses.Select(r => r.Text));

        var closed = await scenario.CloseAsync(open.Id, ChallengeOutcome.Agreed, null);
        Assert.Equal((ChallengeStatus.Closed, ChallengeOutcome.Agreed, (string?)null, "carol.commissioner"),
            (closed.Status, closed.Outcome, closed.CloseNote, closed.ClosedBy));
        Assert.Equal(api.Clock.Now, closed.ClosedAt);
        Assert.Equal(closed, await scenario.Provider.GetAsync<ChallengeDetail>($"/api/challenges/{open.Id}"), ChallengeComparer);
    }

    [Fact]
    public async Task TheCouncilMayCloseAChallengeTheTrustHasNotAnswered()
    {
        var scenario = await ArrangeAsync();
        var open = await scenario.ChallengeAsync("A1", "2026-07", "Why?");

        var closed = await scenario.CloseAsync(open.Id, ChallengeOutcome.Agreed, "Answered at the challenge meeting.");

        Assert.Equal((ChallengeStatus.Closed, 0), (closed.Status, closed.Responses.Count));
    }

    [Fact]
    public async Task AnUnansweredChallengeBecomesOverdueAfterItsDueDate()
    {
        var scenario = await ArrangeAsync();
        var due = await scenario.ChallengeAsync("A1", "2026-07", "Why?", new DateOnly(2026, 8, 21));
        var answered = await scenario.ChallengeAsync("B1", "2026-07", "How?", new DateOnly(2026, 8, 21));
        await scenario.RespondAsync(answered.Id, "Like this.");
        var url = $"/api/contracts/{scenario.ContractId}/challenges?status=Overdue";
        Assert.Empty((await scenario.Panel.GetAsync<ChallengeListResponse>(url))!.Challenges);

        api.Clock.Now = new DateTimeOffset(2026, 8, 22, 9, 0, 0, TimeSpan.Zero);

        var overdue = await scenario.Panel.GetAsync<ChallengeListResponse>(url);
        Assert.Equal([due.Id], overdue!.Challenges.Select(c => c.Id));
        Assert.True(overdue.Challenges[0].Overdue);
        Assert.False((await scenario.Panel.GetAsync<ChallengeDetail>($"/api/challenges/{answered.Id}"))!.Overdue);
    }

    [Fact]
    public async Task AChallengeBeforeAnyReturnSaysSoAndTheLaterReturnShowsBeside()
    {
        var scenario = await ArrangeAsync();
        var early = await scenario.ChallengeAsync("A1", "2026-06", "June has not been sent.");
        Assert.Equal((true, (int?)null, (decimal?)null, (int?)null, false),
            (early.ChallengedWithoutReturn, early.ChallengedRevision, early.ChallengedValue, early.CurrentRevision, early.RevisedSinceChallenge));

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 58m))).EnsureSuccessStatusCode();

        var later = await scenario.Panel.GetAsync<ChallengeDetail>($"/api/challenges/{early.Id}");
        Assert.Equal((true, (decimal?)null, 1, 58m, true),
            (later!.ChallengedWithoutReturn, later.ChallengedValue, later.CurrentRevision, later.CurrentValue!.Value, later.RevisedSinceChallenge));
    }

    [Fact]
    public async Task ListsNarrowByStatusMeasureAndPeriod()
    {
        var scenario = await ArrangeAsync();
        var a = await scenario.ChallengeAsync("A1", "2026-07", "One");
        var b = await scenario.ChallengeAsync("B1", "2026-07", "Two");
        var c = await scenario.ChallengeAsync("A1", "2026-06", "Three");
        await scenario.CloseAsync(c.Id, ChallengeOutcome.Agreed, null);
        await scenario.RespondAsync(b.Id, "Answer");
        var url = $"/api/contracts/{scenario.ContractId}/challenges";

        async Task<long[]> Ids(string query) =>
            (await scenario.Provider.GetAsync<ChallengeListResponse>(url + query))!.Challenges.Select(x => x.Id).ToArray();

        Assert.Equal([a.Id, b.Id, c.Id], await Ids(""));
        Assert.Equal([a.Id], await Ids("?status=open"));
        Assert.Equal([b.Id], await Ids("?status=Responded"));
        Assert.Equal([c.Id], await Ids("?status=Closed"));
        Assert.Equal([a.Id, c.Id], await Ids("?measure=A1"));
        Assert.Equal([a.Id, b.Id], await Ids("?period=2026-07"));
        Assert.Equal([c.Id], await Ids("?measure=a1&period=2026-06"));
    }

    [Fact]
    public async Task ClaimsListTheCommentaryOfEachRevisionAndNotesInTimeOrder()
    {
        var scenario = await ArrangeAsync();
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 50m, commentary: "First account.")))
            .EnsureSuccessStatusCode();
        api.Clock.Now = api.Clock.Now.AddHours(1);
        await scenario.ClaimAsync("A1", "2026-06", "A further note.");
        api.Clock.Now = api.Clock.Now.AddHours(1);
        // The same commentary sent again with a corrected figure is not a new claim.
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 51m, commentary: "First account.")))
            .EnsureSuccessStatusCode();
        api.Clock.Now = api.Clock.Now.AddHours(1);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 52m, commentary: "Second account.")))
            .EnsureSuccessStatusCode();

        var claims = await scenario.Commissioner.GetAsync<ClaimListResponse>($"/api/contracts/{scenario.ContractId}/claims?measure=A1&period=2026-06");

        Assert.Equal(
            ["Commentary r1: First account.", "Note r1: A further note.", "Commentary r3: Second account."],
            claims!.Claims.Select(c => $"{c.Kind} r{c.Revision}: {c.Text}"));
    }

    [Fact]
    public async Task AResponseRecordsTheRevisionTheTrustCouldSee()
    {
        var scenario = await ArrangeAsync();
        var challenge = await scenario.ChallengeAsync("A1", "2026-07", "Why?");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 56m))).EnsureSuccessStatusCode();

        var answered = await scenario.RespondAsync(challenge.Id, "Corrected, see revision 2.");

        Assert.Equal(2, answered.Responses.Single().Revision);
        Assert.Equal((1, 52m, 2, 56m, true),
            (answered.ChallengedRevision!.Value, answered.ChallengedValue!.Value, answered.CurrentRevision!.Value, answered.CurrentValue!.Value, answered.RevisedSinceChallenge));
    }

    private static readonly IEqualityComparer<ChallengeDetail?> ChallengeComparer = EqualityComparer<ChallengeDetail?>.Create(
        (x, y) => System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y));
}
