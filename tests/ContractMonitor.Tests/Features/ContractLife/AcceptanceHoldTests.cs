using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Contracts.SignOff;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.Notifications;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Notifications.EmailScenario;

namespace ContractMonitor.Tests.Features.ContractLife;

/// <summary>
/// Issue 20, <c>requireAcceptance</c>: an escalation about a period is recorded at once, and its
/// emails wait until the council accepts the period; then each chair gets one, over real SMTP.
/// </summary>
public sealed class AcceptanceHoldTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task EmailsAboutAPeriodWaitForItsAcceptanceAndTheEscalationDoesNot()
    {
        var scenario = await EmailScenario.CreateAsync(api, new DateOnly(2026, 4, 1), null, requireAcceptance: true, "A1");
        await scenario.FailTwiceAsync("A1");

        await scenario.EvaluateAsync();
        await api.DispatchAsync();

        var escalation = Assert.Single((await scenario.Panel.GetAsync<EscalationListResponse>(
            $"/api/contracts/{scenario.ContractId}/escalations?status=Open"))!.Escalations);
        Assert.Equal("2026-05", escalation.OpenedPeriod);
        var held = await scenario.NotificationsAsync();
        Assert.Equal([(Chair, NotificationStatus.Held), (ViceChair, NotificationStatus.Held)],
            held.Select(n => (n.Recipient, n.Status)).Order());
        Assert.DoesNotContain(api.Smtp.Messages, scenario.Messages().Invoke);

        foreach (var (client, step) in new[] { (scenario.Provider, "sign-off"), (scenario.Commissioner, "accept") })
        {
            (await client.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/periods/2026-05/{step}", new { }, JsonDefaults.Web))
                .EnsureSuccessStatusCode();
        }

        await api.DispatchAsync();
        var messages = await api.Smtp.WaitForAsync(2, scenario.Messages());
        Assert.Equal([Chair, ViceChair], messages.SelectMany(m => m.Recipients).Order());
        Assert.All(await scenario.NotificationsAsync(), n => Assert.Equal(NotificationStatus.Sent, n.Status));
    }

    /// <summary>Missing returns have no figures to sign off, so their emails are never held: nothing could release them.</summary>
    [Fact]
    public async Task MissingReturnsAreToldAtOnceEvenWhenTheContractWaitsForAcceptance()
    {
        var scenario = await EmailScenario.CreateAsync(api, new DateOnly(2026, 4, 1), null, requireAcceptance: true, "A1");

        await scenario.EvaluateAsync();

        var escalation = Assert.Single((await scenario.Panel.GetAsync<EscalationListResponse>(
            $"/api/contracts/{scenario.ContractId}/escalations?status=Open"))!.Escalations);
        Assert.Equal(EscalationReason.MissingReturns, escalation.Reason);
        await api.Smtp.WaitForAsync(2, scenario.Messages());
    }

    [Fact]
    public async Task WithoutTheSettingEmailsGoAtOnce()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await scenario.FailTwiceAsync("A1");

        await scenario.EvaluateAsync();

        await api.Smtp.WaitForAsync(2, scenario.Messages());
        var read = await scenario.Panel.GetAsync<PeriodStateResponse>($"/api/contracts/{scenario.ContractId}/periods/2026-05");
        Assert.Equal(PeriodDataState.Draft, read!.State);
    }
}
