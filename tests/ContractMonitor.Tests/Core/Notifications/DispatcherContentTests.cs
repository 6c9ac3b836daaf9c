using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace ContractMonitor.Tests.Core.Notifications;

/// <summary>
/// What the dispatcher puts in a message and how it treats the sender's failures, with the sender
/// and the clock as substitutes and the outbox in a real SQLite file of each test's own, since a
/// dispatch takes every due row in the database.
/// </summary>
public sealed class DispatcherContentTests : IDisposable
{
    private readonly MigratedSqliteFile file = new();

    private static readonly EmailSettings Settings = new(
        "smtp.invalid", 25, "ContractMonitor <monitor@council.example>", null, null, false, new Uri("https://monitor.council.example/"));

    private DateTimeOffset now = new(2026, 6, 20, 9, 0, 0, TimeSpan.Zero);

    private readonly TimeProvider clock = Substitute.For<TimeProvider>();

    private readonly IEmailSender sender = Substitute.For<IEmailSender>();

    private readonly List<MimeMessage> sent = [];

    private NotificationDispatcher Dispatcher()
    {
        clock.GetUtcNow().Returns(_ => now);
        return new NotificationDispatcher(file.Database, sender, Settings, clock, NullLogger<NotificationDispatcher>.Instance);
    }

    private async Task<long> RaiseAsync(string measureTitle = "Assessments <on time>")
    {
        clock.GetUtcNow().Returns(_ => now);
        return (await OutboxSeed.RaiseAsync(file.Database, clock, title: measureTitle)).Id;
    }

    [Fact]
    public async Task TheMessageTellsTheEventTheFiguresAndBothVoicesAndLinksToTheSplitScreen()
    {
        var contractId = await RaiseAsync();
        sender.SendAsync(Arg.Do<MimeMessage>(sent.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);

        await Dispatcher().DispatchDueAsync(default);

        var message = Assert.Single(sent);
        Assert.Equal("\"Cllr Alex Chair\" <chair@council.example>", message.To.ToString());
        Assert.Equal("monitor@council.example", message.From.Mailboxes.Single().Address);
        Assert.EndsWith("A1: Sustained failure raised at level 1 (Contract manager challenge meeting) in 2026-05", message.Subject, StringComparison.Ordinal);
        Assert.EndsWith("@council.example", message.MessageId, StringComparison.Ordinal);
        Assert.Equal(now, message.Date);
        var text = message.TextBody;
        Assert.Contains("Measure: A1 Assessments <on time>", text, StringComparison.Ordinal);
        Assert.Contains("2026-04  50; 60; 55; Failing", text, StringComparison.Ordinal);
        Assert.Contains("2026-05  52.5; 60; 55; Failing", text, StringComparison.Ordinal);
        Assert.Contains("The trust's latest claim (2026-05, pat, 2026-06-20): Agency staff start in <b>June</b>.", text, StringComparison.Ordinal);
        Assert.Contains("2026-05 (Open, response due 2026-06-30): What is the recovery plan?", text, StringComparison.Ordinal);
        Assert.Contains($"Split screen: https://monitor.council.example/contracts/{contractId}/split-screen", text, StringComparison.Ordinal);
        Assert.Matches(@"Escalation and its history: https://monitor\.council\.example/escalations/\d+\r?\n", text);
        var html = message.HtmlBody;
        Assert.Contains("Assessments &lt;on time&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Agency staff start in &lt;b&gt;June&lt;/b&gt;.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>June", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARetrySendsTheSameMessageAgainAfterItsBackOff()
    {
        await RaiseAsync();
        sender.SendAsync(Arg.Do<MimeMessage>(sent.Add), Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new IOException("connection reset")), Task.CompletedTask);
        var dispatcher = Dispatcher();

        var first = await dispatcher.DispatchDueAsync(default);
        var early = await dispatcher.DispatchDueAsync(default);
        now = now.AddMinutes(1);
        var second = await dispatcher.DispatchDueAsync(default);

        Assert.Equal((new DispatchOutcome(0, 1, 0), DispatchOutcome.None, new DispatchOutcome(1, 0, 0)), (first, early, second));
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].MessageId, sent[1].MessageId);
        Assert.Equal(sent[0].TextBody, sent[1].TextBody);
        Assert.Equal(sent[0].Subject, sent[1].Subject);
    }

    [Fact]
    public async Task ARejectedMessageFailsAtOnceAndIsNotRetried()
    {
        var contractId = await RaiseAsync();
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new EmailRejectedException("550 mailbox unavailable", new InvalidOperationException()));
        var dispatcher = Dispatcher();

        var outcome = await dispatcher.DispatchDueAsync(default);
        now = now.AddDays(1);
        var later = await dispatcher.DispatchDueAsync(default);

        Assert.Equal((new DispatchOutcome(0, 0, 1), DispatchOutcome.None), (outcome, later));
        var row = Assert.Single(await new NotificationStore(file.Database).ListAsync(contractId, NotificationFilter.All, default));
        Assert.Equal((NotificationStatus.Failed, 1, "550 mailbox unavailable"), (row.Status, row.Attempts, row.LastError));
        await sender.Received(1).SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task WhenTheServerCannotBeReachedARunStopsAndLeavesTheRestUntried()
    {
        clock.GetUtcNow().Returns(_ => now);
        var contract = await OutboxSeed.RaiseAsync(file.Database, clock, measureCount: 3);
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>()).ThrowsAsync(new IOException("connection refused"));

        var outcome = await Dispatcher().DispatchDueAsync(default);

        Assert.Equal(new DispatchOutcome(0, 1, 0), outcome);
        await sender.Received(1).SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>());
        var rows = await new NotificationStore(file.Database).ListAsync(contract.Id, NotificationFilter.All, default);
        Assert.Equal([(NotificationStatus.Pending, 1), (NotificationStatus.Pending, 0), (NotificationStatus.Pending, 0)],
            rows.Select(r => (r.Status, r.Attempts)));
    }

    [Fact]
    public async Task AMessageTheServerPutsOffDoesNotHoldUpTheOthers()
    {
        clock.GetUtcNow().Returns(_ => now);
        var contract = await OutboxSeed.RaiseAsync(file.Database, clock, measureCount: 3);
        sender.SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>())
            .Returns(Task.FromException(new EmailDeferredException("452 mailbox full", new InvalidOperationException())), Task.CompletedTask);

        var outcome = await Dispatcher().DispatchDueAsync(default);

        Assert.Equal(new DispatchOutcome(2, 1, 0), outcome);
        await sender.Received(3).SendAsync(Arg.Any<MimeMessage>(), Arg.Any<CancellationToken>());
        var rows = await new NotificationStore(file.Database).ListAsync(contract.Id, NotificationFilter.All, default);
        Assert.Equal([NotificationStatus.Pending, NotificationStatus.Sent, NotificationStatus.Sent], rows.Select(r => r.Status));
        Assert.Equal("452 mailbox full", rows[0].LastError);
    }

    [Fact]
    public async Task TextFromUsersCannotAddHeaders()
    {
        await RaiseAsync("Assessments\r\nBcc: everyone@example.com");
        sender.SendAsync(Arg.Do<MimeMessage>(sent.Add), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);

        await Dispatcher().DispatchDueAsync(default);

        var message = Assert.Single(sent);
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain(message.Headers, h => h.Field.Equals("Bcc", StringComparison.OrdinalIgnoreCase));
        Assert.Single(message.To.Mailboxes);
    }

    public void Dispose() => file.Dispose();
}
