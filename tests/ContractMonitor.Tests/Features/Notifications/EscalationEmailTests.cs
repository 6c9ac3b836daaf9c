using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Evaluations;
using Microsoft.Extensions.DependencyInjection;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Notifications.EmailScenario;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Notifications;

/// <summary>Escalation emails from a real evaluation, through the real dispatcher, to a real SMTP server on loopback.</summary>
public sealed class EscalationEmailTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task ARaisedEscalationSendsExactlyOneMessageToEachChairAndNoneToMembers()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await scenario.FailTwiceAsync("A1");

        var outcome = await scenario.EvaluateAsync();

        var messages = await api.Smtp.WaitForAsync(2, scenario.Messages());
        Assert.Equal([Chair, ViceChair], messages.SelectMany(m => m.Recipients).Order());
        Assert.All(messages, m => Assert.Equal(
            $"{scenario.Contract.Reference} A1: Sustained failure raised at level 1 (Contract manager challenge meeting) in 2026-05", m.Subject));
        Assert.Equal(2, messages.Select(m => m.MessageId).Distinct().Count());
        var sent = await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent);
        Assert.Equal(messages.Select(m => $"<{m.MessageId}>").Order(), sent.Select(n => n.MessageId!).Order());
        Assert.All(sent, n => Assert.Equal((1, NotificationKind.Escalation), (n.Attempts, n.Kind)));
        Assert.Equal(1, outcome.EventsWritten);
    }

    [Fact]
    public async Task EvaluatingAgainSendsNothingNew()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await scenario.FailTwiceAsync("A1");
        await scenario.EvaluateAsync();
        await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent);

        var again = await scenario.EvaluateAsync();
        var dispatched = await api.DispatchAsync();

        Assert.Equal((0, 0), (again.EventsWritten, dispatched.Sent));
        Assert.Equal(2, api.Smtp.Messages.Count(scenario.Messages()));
        Assert.Equal(2, (await scenario.NotificationsAsync()).Count);
    }

    [Fact]
    public async Task AnEscalationThatReachesALevelWithAnAddressAlsoEmailsIt()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-04", 50m), Row("A1", "2026-05", 50m), Row("A1", "2026-06", 50m))).EnsureSuccessStatusCode();
        api.Clock.Now = new DateTimeOffset(2026, 7, 20, 9, 0, 0, TimeSpan.Zero);

        await scenario.EvaluateAsync();

        // One run raised it in May and took it to level 2 in June: one message each, telling where it stands.
        var messages = await api.Smtp.WaitForAsync(3, scenario.Messages());
        Assert.Equal([Chair, Director, ViceChair], messages.SelectMany(m => m.Recipients).Order());
        Assert.All(messages, m => Assert.EndsWith("escalated to level 2 (Director) in 2026-06", m.Subject, StringComparison.Ordinal));
        var roles = (await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent)).Select(n => n.RecipientRole).Order();
        Assert.Equal(["Chair", "Level 2", "ViceChair"], roles);
    }

    [Fact]
    public async Task AnEscalationThatOpensAndResolvesBeforeMonitoringBeganIsHistoryAndNotEmailed()
    {
        var scenario = await EmailScenario.CreateAsync(api, new DateOnly(2026, 8, 1), "A1", "B1");
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-04", 50m), Row("A1", "2026-05", 50m), Row("A1", "2026-06", 50m), Row("A1", "2026-07", 50m),
            Row("B1", "2026-04", 50m), Row("B1", "2026-05", 50m), Row("B1", "2026-06", 61m), Row("B1", "2026-07", 61m)))
            .EnsureSuccessStatusCode();

        await scenario.EvaluateAsync();

        var sent = await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent);
        var escalations = (await scenario.Commissioner.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations"))!.Escalations;
        var b1 = escalations.Single(e => e.MeasureCode == "B1");
        Assert.Equal(EscalationStatus.Resolved, b1.Status);
        Assert.Empty(b1.Notifications);
        var a1 = escalations.Single(e => e.MeasureCode == "A1");
        Assert.Equal(sent.Select(n => n.Id).Order(), a1.Notifications.Select(n => n.Id).Order());
        Assert.All(a1.Notifications, n => Assert.Equal(a1.Events[^1].Id, n.EventId));
    }

    /// <summary>
    /// Once monitored, every escalation is news: one that a batch of late returns opens and resolves
    /// in a single run still reaches the chairs, once, saying when it was raised and that it was resolved.
    /// </summary>
    [Fact]
    public async Task AnEscalationALateBatchOpensAndResolvesIsStillEmailedOnce()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-04", 61m), Row("A1", "2026-05", 61m)))
            .EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        api.Clock.Now = new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-06", 50m), Row("A1", "2026-07", 50m), Row("A1", "2026-08", 61m), Row("A1", "2026-09", 61m)))
            .EnsureSuccessStatusCode();

        await scenario.EvaluateAsync();

        var messages = await api.Smtp.WaitForAsync(2, scenario.Messages());
        Assert.Equal([Chair, ViceChair], messages.SelectMany(m => m.Recipients).Order());
        Assert.All(messages, m => Assert.EndsWith(
            "A1: Sustained failure raised in 2026-07, resolved at level 1 (Contract manager challenge meeting) in 2026-09", m.Subject, StringComparison.Ordinal));
        Assert.Equal(2, (await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent)).Count);
    }

    [Fact]
    public async Task TheEscalationListsItsEmailsToTheCouncilButNotToTheTrust()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await scenario.FailTwiceAsync("A1");
        await scenario.EvaluateAsync();
        await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent);
        var id = (await scenario.Panel.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations"))!.Escalations.Single().Id;

        var council = await scenario.Panel.GetAsync<EscalationResponse>($"/api/escalations/{id}");
        var trust = await scenario.Provider.GetAsync<EscalationResponse>($"/api/escalations/{id}");
        var trustList = await scenario.Provider.GetAsync($"/api/contracts/{scenario.ContractId}/notifications");

        Assert.Equal([(Chair, NotificationStatus.Sent, 1), (ViceChair, NotificationStatus.Sent, 1)],
            council!.Notifications.Select(n => (n.Recipient, n.Status, n.Attempts)).Order());
        Assert.All(council.Notifications, n => Assert.NotNull(n.SentAt));
        Assert.Empty(trust!.Notifications);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, trustList.StatusCode);
    }

    [Fact]
    public async Task AnEscalationAsKnownBeforeItsEmailsWentShowsThemWaiting()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await scenario.FailTwiceAsync("A1");
        await api.Services.GetRequiredService<ContractEvaluator>().EvaluateContractAsync(scenario.ContractId, CancellationToken.None);
        api.Clock.Now = June20.AddDays(1);
        await api.DispatchAsync();
        var url = $"/api/contracts/{scenario.ContractId}/escalations";

        var then = (await scenario.Commissioner.GetAsync<EscalationListResponse>($"{url}?knownAt=2026-06-20"))!.Escalations.Single();
        var now = (await scenario.Commissioner.GetAsync<EscalationListResponse>(url))!.Escalations.Single();

        Assert.All(then.Notifications, n => Assert.Equal((NotificationStatus.Pending, (DateTimeOffset?)null, (string?)null), (n.Status, n.SentAt, n.MessageId)));
        Assert.All(now.Notifications, n => Assert.Equal(NotificationStatus.Sent, n.Status));
        Assert.Equal(then.Notifications.Select(n => n.Id), now.Notifications.Select(n => n.Id));
    }
}
