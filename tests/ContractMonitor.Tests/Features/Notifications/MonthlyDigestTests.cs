using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Jobs;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ContractMonitor.Tests.Features.Notifications.EmailScenario;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Notifications;

/// <summary>The monthly digest, run as the recurring job runs it, to the loopback SMTP server.</summary>
public sealed class MonthlyDigestTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    private NotificationJobs Jobs => api.Services.GetRequiredService<NotificationJobs>();

    /// <summary>A1 failing from April to July (escalated to level 3); B1 on target but falling (a sustained decline).</summary>
    [Fact]
    public async Task OnTheFirstWorkingDayTheChairsGetOneDigestEachAndOnlyOne()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1", "B1");
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-04", 50m), Row("A1", "2026-05", 50m), Row("A1", "2026-06", 50m), Row("A1", "2026-07", 50m),
            Row("B1", "2026-04", 74m), Row("B1", "2026-05", 72m), Row("B1", "2026-06", 70m), Row("B1", "2026-07", 68m)))
            .EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent);

        // 31 August 2026 is the summer bank holiday, and August's digest week has passed.
        api.Clock.Now = new DateTimeOffset(2026, 8, 31, 7, 0, 0, TimeSpan.Zero);
        await Jobs.MonthlyDigestAsync(CancellationToken.None);
        Assert.DoesNotContain(await scenario.NotificationsAsync(), n => n.Kind == NotificationKind.Digest);

        // Tuesday 1 September is the first working day; the job runs daily, and again the next day.
        api.Clock.Now = new DateTimeOffset(2026, 9, 1, 6, 0, 0, TimeSpan.Zero);
        await Jobs.MonthlyDigestAsync(CancellationToken.None);
        api.Clock.Now = api.Clock.Now.AddDays(1);
        await Jobs.MonthlyDigestAsync(CancellationToken.None);

        var digests = (await scenario.NotificationsAsync()).Where(n => n.Kind == NotificationKind.Digest).ToList();
        Assert.Equal([(Chair, "2026-09", NotificationStatus.Sent), (ViceChair, "2026-09", NotificationStatus.Sent)],
            digests.Select(n => (n.Recipient, n.DigestMonth!, n.Status)).Order());
        var messages = api.Smtp.Messages.Where(m => m.Subject == $"{scenario.Contract.Reference}: monthly digest, September 2026").ToList();
        Assert.Equal([Chair, ViceChair], messages.SelectMany(m => m.Recipients).Order());
        var text = (messages[0].Message.TextBody ?? "").ReplaceLineEndings("\n");
        Assert.Contains("Latest periods due, as at 2026-08-17: 2 measures: 1 on target, 0 within tolerance, 1 failing, 0 missing, 0 pending; " +
            "0 improving, 1 declining; 2 open escalations.", text, StringComparison.Ordinal);
        Assert.Contains("Failing measures:\n  - A1 Measure A1, 2026-07: 50 against target 60, tolerance 55", text, StringComparison.Ordinal);
        Assert.Contains("Sustained declines:\n  - B1 SustainedDecline, level 1 (Contract manager challenge meeting), Open", text, StringComparison.Ordinal);
        Assert.Contains("  - A1 SustainedFailure, level 3 (Scrutiny panel), Open", text, StringComparison.Ordinal);
    }
}
