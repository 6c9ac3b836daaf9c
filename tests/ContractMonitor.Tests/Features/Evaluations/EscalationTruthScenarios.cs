using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Tests.Features.Notifications;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Evaluations.EvaluationsApi;
using static ContractMonitor.Tests.Features.Notifications.EmailScenario;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Evaluations;

/// <summary>
/// The seven things issue 14 saw go wrong when figures arrive month by month, late or revised,
/// each replayed through the api with its emails counted on the loopback SMTP server. Contracts run
/// from April 2026 with target 60 and tolerance 55 (higher is better) unless a test says otherwise;
/// level 2 (Director) has an address.
/// </summary>
public sealed class EscalationTruthScenarios(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    private static string Month(int offset) => new DateOnly(2026, 4, 1).AddMonths(offset).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IReadOnlyList<ReceivedMessage>> MailAsync(Scenario scenario, int total)
    {
        var outbox = await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent);
        Assert.Equal(total, outbox.Count);
        var messages = api.Smtp.Messages.Where(scenario.Messages()).ToList();
        Assert.Equal(total, messages.Count);
        return messages;
    }

    [Fact]
    public async Task ALateReturnReopensTheEscalationInsteadOfLosingIt()
    {
        var scenario = await EmailScenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A3", Polarity.LowerIsBetter);
        await scenario.SetTargetAsync("A3", "2026-27", 10m, 14m);
        api.Clock.Now = new DateTimeOffset(2027, 4, 20, 9, 0, 0, TimeSpan.Zero);
        var known = new[] { Row("A3", Month(0), 16m), Row("A3", Month(1), 16m), Row("A3", Month(2), 12m) }
            .Concat(Enumerable.Range(5, 7).Select(i => Row("A3", Month(i), 8m))).ToArray();
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, known)).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        await MailAsync(scenario, 4); // the failure and the missing July and August, each raised and resolved: chair and vice-chair

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A3", Month(3), 16m), Row("A3", Month(4), 16m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var failure = (await EscalationsAsync(scenario)).Single(e => e.Reason == EscalationReason.SustainedFailure);
        Assert.Equal("Raised 2026-05 L1, Recovering 2026-06 L1, Resolved 2026-09 L1, "
            + "Reopened 2026-07 L1, Escalated 2026-08 L2, Recovering 2026-09 L2, Resolved 2026-10 L2", Story(failure));
        Assert.Equal("late returns for 2026-07 and 2026-08", failure.Events[^1].Cause);
        var messages = await MailAsync(scenario, 7);
        var last = messages.Skip(4).ToList();
        Assert.Equal([Chair, Director, ViceChair], last.SelectMany(m => m.Recipients).Order());
        Assert.All(last, m => Assert.EndsWith("A3: Sustained failure raised in 2026-05, resolved at level 2 (Director) in 2026-10", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWorseRevisionClimbsTheSameEscalationAndIsNeverAnnouncedAsAResolution()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", Month(0), 50m), Row("A1", Month(1), 50m), Row("A1", Month(2), 50m), Row("A1", Month(3), 61m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        await MailAsync(scenario, 3); // at level 2, recovering: chair, vice-chair and the Director

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", Month(3), 50m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var escalation = Assert.Single(await EscalationsAsync(scenario));
        Assert.Equal((EscalationStatus.Open, 3), (escalation.Status, escalation.Level));
        Assert.Equal("Raised 2026-05 L1, Escalated 2026-06 L2, Recovering 2026-07 L2, Escalated 2026-07 L3", Story(escalation));
        Assert.Equal("revised figure for 2026-07", escalation.Events[^1].Cause);
        var messages = await MailAsync(scenario, 6);
        Assert.DoesNotContain(messages, m => m.Subject.Contains("resolved", StringComparison.Ordinal));
        Assert.All(messages.Skip(3), m => Assert.EndsWith(
            "A1: Sustained failure raised in 2026-05, escalated to level 3 (Scrutiny panel) in 2026-07", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SilenceNeitherClosesAFailureNorHidesIt()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        api.Clock.Now = new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero); // August and September are overdue
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", Month(0), 50m), Row("A1", Month(1), 50m), Row("A1", Month(2), 50m), Row("A1", Month(3), 50m))).EnsureSuccessStatusCode();

        await scenario.EvaluateAsync();

        var escalations = await EscalationsAsync(scenario);
        var failure = escalations.Single(e => e.Reason == EscalationReason.SustainedFailure);
        Assert.Equal((EscalationStatus.Open, 3), (failure.Status, failure.Level));
        var missing = escalations.Single(e => e.Reason == EscalationReason.MissingReturns);
        Assert.Equal((EscalationStatus.Open, 1, "2026-09"), (missing.Status, missing.Level, missing.OpenedPeriod));
        var messages = await MailAsync(scenario, 5);
        Assert.Equal(3, messages.Count(m => m.Subject.EndsWith("Sustained failure raised in 2026-05, escalated to level 3 (Scrutiny panel) in 2026-07", StringComparison.Ordinal)));
        Assert.Equal(2, messages.Count(m => m.Subject.EndsWith("Missing returns raised at level 1 (Contract manager challenge meeting) in 2026-09", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task BackLoadingTwoYearsInBatchesEmailsOnlyWhatIsStillOpen()
    {
        // Recorded today, monitored from today; the measure is owed from the contract's start, to load its history.
        var scenario = await EmailScenario.CreateAsync(api, new DateOnly(2024, 4, 1), new DateOnly(2026, 11, 20));
        await scenario.AddMeasureAsync("A1", startPeriod: "2024-04");
        foreach (var year in new[] { "2024-25", "2025-26", "2026-27" })
        {
            await scenario.SetTargetAsync("A1", year, 60m, 55m);
        }

        api.Clock.Now = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        // Failing in months 6-7 (open when the first batch ends, recovered in the second), 10-12
        // (opened and recovered within the second batch), and 20-23, the last months loaded.
        var failing = new HashSet<int> { 6, 7, 10, 11, 12, 20, 21, 22, 23 };
        var rows = Enumerable.Range(0, 24)
            .Select(i => Row("A1", new DateOnly(2024, 4, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), failing.Contains(i) ? 50m : 61m))
            .ToArray();

        foreach (var batch in rows.Chunk(8))
        {
            (await scenario.Provider.SubmitAsync(scenario.ContractId, null, batch)).EnsureSuccessStatusCode();
            await scenario.EvaluateAsync();
        }

        var escalations = await EscalationsAsync(scenario);
        Assert.Equal(["SustainedFailure 2024-11 Resolved L1", "SustainedFailure 2025-03 Resolved L2", "SustainedFailure 2026-01 Open L3"],
            escalations.Select(e => $"{e.Reason} {e.OpenedPeriod} {e.Status} L{e.Level}"));
        // The chairs heard of the first while it was open, so they hear how it ended; the second is
        // history; the third is open: chair, vice-chair and the Director.
        var subjects = (await MailAsync(scenario, 7)).Select(m => m.Subject[(m.Subject.IndexOf(' ', StringComparison.Ordinal) + 1)..])
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            "A1: Sustained failure raised at level 1 (Contract manager challenge meeting) in 2024-11",
            "A1: Sustained failure raised at level 1 (Contract manager challenge meeting) in 2024-11",
            "A1: Sustained failure raised in 2024-11, resolved at level 1 (Contract manager challenge meeting) in 2025-01",
            "A1: Sustained failure raised in 2024-11, resolved at level 1 (Contract manager challenge meeting) in 2025-01",
            "A1: Sustained failure raised in 2026-01, escalated to level 3 (Scrutiny panel) in 2026-03",
            "A1: Sustained failure raised in 2026-01, escalated to level 3 (Scrutiny panel) in 2026-03",
            "A1: Sustained failure raised in 2026-01, escalated to level 3 (Scrutiny panel) in 2026-03",
        ], subjects);
        var months = await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history?from=2026-04&to=2026-10");
        Assert.All(months!.Periods, p => Assert.Equal(Rating.NotCollected, p.Rating));
    }

    [Fact]
    public async Task AMeasureAddedYearsIntoAContractOwesNothingForTheYearsBeforeIt()
    {
        var scenario = await EmailScenario.CreateAsync(api, new DateOnly(2024, 4, 1), new DateOnly(2024, 4, 1));
        api.Clock.Now = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var measure = await scenario.AddMeasureAsync("N1", startPeriod: "default");
        await scenario.SetTargetAsync("N1", "2026-27", 60m, 55m);

        await scenario.EvaluateAsync();

        Assert.Equal("2026-11", measure.StartPeriod);
        Assert.Empty(await EscalationsAsync(scenario));
        Assert.Empty(await scenario.NotificationsAsync());
        var history = await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/N1/history");
        Assert.Equal(["2026-11 Pending"], history!.Periods.Select(p => $"{p.Period} {p.Rating}"));
        var before = await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("N1", "2026-05", 61m));
        var problem = await before.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("before N1's startPeriod 2026-11", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryLevelAnEscalationPassesThroughInOneRunIsTold()
    {
        api.Clock.Now = June20;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1), policy: new EscalationPolicyRequest(null, null, null,
        [
            new LadderLevelRequest(1, "Contract manager", "manager@council.example"),
            new LadderLevelRequest(2, "Director", Director),
            new LadderLevelRequest(3, "Scrutiny panel", "panel@council.example"),
            new LadderLevelRequest(4, "Department for Education", "dfe@council.example"),
        ]));
        (await scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/panel", new ContractMonitor.Contracts.Panel.PanelRequest(
            [new("Cllr Alex Chair", Chair, ContractMonitor.Contracts.Panel.PanelRole.Chair)]), ContractMonitor.Contracts.JsonDefaults.Web)).EnsureSuccessStatusCode();
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2026-27", 60m, 55m);
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", Month(0), 50m), Row("A1", Month(1), 50m), Row("A1", Month(2), 50m), Row("A1", Month(3), 50m))).EnsureSuccessStatusCode();

        await scenario.EvaluateAsync();

        var messages = await MailAsync(scenario, 4); // raised at 1 and climbed through 2 to 3 in one run; level 4 not reached
        Assert.Equal([Chair, Director, "manager@council.example", "panel@council.example"], messages.SelectMany(m => m.Recipients).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ATargetChangeSaysWhoseChangeMovedTheEscalation()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", Month(0), 57m), Row("A1", Month(1), 57m), Row("A1", Month(2), 57m), Row("A1", Month(3), 57m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        Assert.Empty(await EscalationsAsync(scenario));

        await scenario.SetTargetAsync("A1", "2026-27", 59m, 58m); // the annual review, applied to the whole year
        await scenario.EvaluateAsync();

        var escalation = Assert.Single(await EscalationsAsync(scenario));
        Assert.Equal("Raised 2026-05 L1, Escalated 2026-06 L2, Escalated 2026-07 L3", Story(escalation));
        Assert.All(escalation.Events, e => Assert.Equal("target change for 2026-27 by alice.admin", e.Cause));
        var messages = await MailAsync(scenario, 3);
        Assert.All(messages, m => Assert.Contains("What changed: target change for 2026-27 by alice.admin.", m.Message.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevisionsThatJoinTwoRunsContinueTheFirstRecordAndDoNotAnnounceTheSecondAsResolved()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        api.Clock.Now = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var figures = new[] { 50m, 50m, 61m, 61m, 50m, 50m, 50m };
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, [.. figures.Select((v, i) => Row("A1", Month(i), v))])).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        await MailAsync(scenario, 5); // the first raised and resolved (chairs), the second at level 2 (and the Director)

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", Month(2), 50m), Row("A1", Month(3), 50m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var escalations = await EscalationsAsync(scenario);
        var first = escalations.Single(e => e.OpenedPeriod == "2026-05");
        var second = escalations.Single(e => e.Id != first.Id);
        Assert.Equal((EscalationStatus.Open, 3), (first.Status, first.Level));
        Assert.Equal("Raised 2026-05 L1, Recovering 2026-06 L1, Resolved 2026-07 L1, Reopened 2026-06 L1, Escalated 2026-06 L2, Escalated 2026-07 L3",
            Story(first));
        Assert.Equal(EscalationStatus.Resolved, second.Status);
        Assert.StartsWith($"Continued on escalation {first.Id}", second.Events[^1].Note, StringComparison.Ordinal);
        var messages = await MailAsync(scenario, 8);
        Assert.All(messages.Skip(5), m => Assert.EndsWith("A1: Sustained failure raised in 2026-05, escalated to level 3 (Scrutiny panel) in 2026-07", m.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryoneToldOfALevelHearsTheResolutionEvenWhenARevisionLowersIt()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        api.Clock.Now = new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", Month(0), 50m), Row("A1", Month(1), 50m), Row("A1", Month(2), 50m), Row("A1", Month(3), 61m), Row("A1", Month(4), 61m)))
            .EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        await MailAsync(scenario, 3); // raised and resolved at level 2: chairs and the Director

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", Month(2), 61m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var escalation = Assert.Single(await EscalationsAsync(scenario));
        Assert.Equal("Raised 2026-05 L1, Escalated 2026-06 L2, Recovering 2026-07 L2, Resolved 2026-08 L2, Recovering 2026-06 L1, Resolved 2026-07 L1",
            Story(escalation));
        var last = (await MailAsync(scenario, 6)).Skip(3).ToList();
        Assert.Equal([Chair, Director, ViceChair], last.SelectMany(m => m.Recipients).Order());
        Assert.All(last, m => Assert.Contains("What changed: revised figure for 2026-06.", m.Message.TextBody, StringComparison.Ordinal));
    }
}
