using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using static ContractMonitor.Tests.Features.Notifications.EmailScenario;

namespace ContractMonitor.Tests.Features.Notifications;

/// <summary>The mail server goes away and comes back; dispatchers race. No email is lost and none is doubled.</summary>
public sealed class SmtpOutageTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    /// <summary>
    /// While the server is down each dispatch run tries one email and stops: the rest of its batch
    /// would only wait for the same failure. Nothing is lost, and when the server is back each email
    /// arrives once.
    /// </summary>
    [Fact]
    public async Task EmailsWaitOutAnOutageAndArriveOnceWhenTheServerReturns()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1", "B1");
        await scenario.FailTwiceAsync("A1", "B1");
        await EvaluateWhileTheServerIsDownAsync(scenario);
        await api.Smtp.StopAsync();
        try
        {
            for (var run = 2; run <= 4; run++)
            {
                await api.DispatchAsync();
                var waiting = await scenario.NotificationsAsync();
                Assert.All(waiting, n => Assert.Equal(NotificationStatus.Pending, n.Status));
                Assert.Equal(run, waiting.Sum(n => n.Attempts));
                Assert.All(waiting.Where(n => n.Attempts > 0), n => Assert.False(string.IsNullOrEmpty(n.LastError)));
                api.Clock.Now = api.Clock.Now.AddMinutes(30);
            }
        }
        finally
        {
            api.Smtp.Restart();
        }

        api.Clock.Now = api.Clock.Now.AddHours(1);
        await api.DispatchAsync();
        await api.DispatchAsync();

        var messages = api.Smtp.Messages.Where(scenario.Messages()).ToList();
        Assert.Equal([Chair, Chair, ViceChair, ViceChair], messages.SelectMany(m => m.Recipients).Order());
        Assert.Equal(4, messages.Select(m => m.MessageId).Distinct().Count());
        var sent = await scenario.NotificationsAsync();
        Assert.All(sent, n => Assert.Equal((NotificationStatus.Sent, (string?)null), (n.Status, n.LastError)));
        Assert.Equal(4 + 4, sent.Sum(n => n.Attempts)); // four failed attempts while down, then one each
    }

    [Fact]
    public async Task TwoDispatchersRacingSendEachEmailOnce()
    {
        var codes = Enumerable.Range(1, 12).Select(i => $"M{i:00}").ToArray();
        var scenario = await EmailScenario.CreateAsync(api, codes);
        await scenario.FailTwiceAsync(codes);
        await EvaluateWhileTheServerIsDownAsync(scenario);
        var first = api.Services.GetRequiredService<NotificationDispatcher>();
        var second = AnotherDispatcher(new SmtpEmailSender(api.Services.GetRequiredService<EmailSettings>()));

        var outcomes = await Task.WhenAll(
            Task.Run(() => first.DispatchDueAsync(CancellationToken.None)),
            Task.Run(() => second.DispatchDueAsync(CancellationToken.None)));

        Assert.Equal(24, outcomes.Sum(o => o.Sent));
        var messages = api.Smtp.Messages.Where(scenario.Messages()).ToList();
        Assert.Equal(24, messages.Count);
        Assert.Equal(24, messages.Select(m => m.MessageId).Distinct().Count());
        var rows = await scenario.NotificationsAsync();
        Assert.All(rows, n => Assert.Equal(NotificationStatus.Sent, n.Status));
        Assert.Equal(24 + 1, rows.Sum(n => n.Attempts)); // the one tried while the server was down, then each once
    }

    /// <summary>
    /// The documented at-least-once window: a dispatcher dies after the server took the message and
    /// before it marked the row. When its claim lapses the row is sent again, with the same Message-Id
    /// and the same content, so the copy is recognisable as the same message.
    /// </summary>
    [Fact]
    public async Task ADispatcherThatDiesAfterSendingIsFollowedByTheSameMessageOnce()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await scenario.FailTwiceAsync("A1");
        await EvaluateWhileTheServerIsDownAsync(scenario);
        using var death = new CancellationTokenSource();
        var dying = AnotherDispatcher(new DiesAfterSending(new SmtpEmailSender(api.Services.GetRequiredService<EmailSettings>()), death));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.DispatchDueAsync(death.Token));
        Assert.Single(api.Smtp.Messages, m => scenario.Messages()(m));

        // The dying dispatcher had claimed both rows. Within the lease nobody touches them; after it,
        // the next dispatch sends both: one for the first time, one again.
        await api.DispatchAsync();
        Assert.All(await scenario.NotificationsAsync(), n => Assert.Equal(NotificationStatus.Sending, n.Status));
        api.Clock.Now = api.Clock.Now + NotificationRules.ClaimLease + TimeSpan.FromSeconds(1);
        await api.DispatchAsync();

        var messages = api.Smtp.Messages.Where(scenario.Messages()).ToList();
        Assert.Equal(3, messages.Count);
        var twice = messages.GroupBy(m => m.MessageId).Single(g => g.Count() == 2).ToList();
        Assert.Equal(twice[0].Message.TextBody, twice[1].Message.TextBody);
        Assert.All(await scenario.NotificationsAsync(), n => Assert.Equal(NotificationStatus.Sent, n.Status));
    }

    /// <summary>
    /// Evaluates while the mail server is down, waits for the dispatch that follows to fail, brings
    /// the server back, and moves the clock past the back-off.
    /// </summary>
    private async Task EvaluateWhileTheServerIsDownAsync(Scenario scenario)
    {
        await api.Smtp.StopAsync();
        try
        {
            await scenario.EvaluateAsync();

            // The dispatch after the evaluation tries one email, fails to connect, and stops.
            await scenario.SettledAsync(all => all.All(n => n.Status == NotificationStatus.Pending) && all.Sum(n => n.Attempts) == 1);
        }
        finally
        {
            api.Smtp.Restart();
        }

        api.Clock.Now = api.Clock.Now.AddHours(1);
    }

    /// <summary>A second dispatcher over the same database, as another worker process would run.</summary>
    private NotificationDispatcher AnotherDispatcher(IEmailSender sender) => new(api.Services.GetRequiredService<Database>(), sender,
        api.Services.GetRequiredService<EmailSettings>(), api.Clock, NullLogger<NotificationDispatcher>.Instance);

    /// <summary>Sends, then dies before the dispatcher can mark the row.</summary>
    private sealed class DiesAfterSending(IEmailSender inner, CancellationTokenSource death) : IEmailSender
    {
        public async Task SendAsync(MimeKit.MimeMessage message, CancellationToken cancellationToken)
        {
            await inner.SendAsync(message, cancellationToken);
            await death.CancelAsync();
            death.Token.ThrowIfCancellationRequested();
        }
    }
}

/// <summary>A recipient the mail server refuses for good: that email fails, visibly; the others go.</summary>
public sealed class RefusedRecipientTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task ARecipientRefusedWithA5xxFailsAndTheOthersAreSent()
    {
        api.Smtp.Refuse(ViceChair);
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await scenario.FailTwiceAsync("A1");

        await scenario.EvaluateAsync();

        var settled = await scenario.SettledAsync(n => n.Status is NotificationStatus.Sent or NotificationStatus.Failed);
        Assert.Equal([(Chair, NotificationStatus.Sent), (ViceChair, NotificationStatus.Failed)], settled.Select(n => (n.Recipient, n.Status)).Order());
        var failed = Assert.Single(await scenario.NotificationsAsync("?status=Failed"));
        Assert.Equal(1, failed.Attempts);
        Assert.StartsWith("550", failed.LastError, StringComparison.Ordinal);
        Assert.Equal([Chair], api.Smtp.Messages.Where(scenario.Messages()).SelectMany(m => m.Recipients));

        // Failed is final: later dispatches do not retry it.
        api.Clock.Now = api.Clock.Now.AddDays(1);
        Assert.Equal(DispatchOutcome.None, await api.DispatchAsync());
    }
}
