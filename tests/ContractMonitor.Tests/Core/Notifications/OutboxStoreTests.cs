using System.Collections.Concurrent;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using NSubstitute;

namespace ContractMonitor.Tests.Core.Notifications;

/// <summary>The outbox on a real engine: SQLite always, SQL Server (READPAST claims) wherever Docker runs.</summary>
public abstract class OutboxStoreTests
{
    private readonly SettableClock clock = new() { Now = new DateTimeOffset(2026, 6, 20, 9, 0, 0, TimeSpan.Zero) };

    private protected abstract Database Open();

    [Fact]
    public async Task FourDispatchersRacingSendEachRowOnce()
    {
        var db = Open();
        var contract = await OutboxSeed.RaiseAsync(db, clock, measureCount: 30);
        var sent = new ConcurrentBag<string>();
        var sender = Substitute.For<IEmailSender>();
        sender.SendAsync(Arg.Do<MimeMessage>(m => sent.Add(m.MessageId ?? "")), Arg.Any<CancellationToken>()).Returns(Task.CompletedTask);
        var settings = new EmailSettings("smtp.invalid", 25, EmailSettings.DefaultFrom, null, null, false, new Uri("http://localhost/"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
            new NotificationDispatcher(db, sender, settings, clock, NullLogger<NotificationDispatcher>.Instance).DispatchDueAsync(default))));

        var rows = await new NotificationStore(db).ListAsync(contract.Id, NotificationFilter.All, default);
        Assert.Equal(30, rows.Count);
        Assert.All(rows, r => Assert.Equal((NotificationStatus.Sent, 1), (r.Status, r.Attempts)));
        var mine = rows.Select(r => r.MessageId!.Trim('<', '>')).ToHashSet();
        Assert.Equal(30, sent.Count(mine.Contains));
        Assert.Equal(30, sent.Where(mine.Contains).Distinct().Count());
        Assert.True(outcomes.Sum(o => o.Sent) >= 30);
    }

    [Fact]
    public async Task AnEvaluationRunTwiceWritesItsEmailsOnce()
    {
        var db = Open();
        var contract = await OutboxSeed.RaiseAsync(db, clock);

        var again = await new ContractEvaluator(db, clock).EvaluateContractAsync(contract.Id, default);

        Assert.Equal(0, again.NotificationsWritten);
        Assert.Single(await new NotificationStore(db).ListAsync(contract.Id, NotificationFilter.All, default));
    }
}

public sealed class SqliteOutboxStoreTests(MigratedSqliteFile file) : OutboxStoreTests, IClassFixture<MigratedSqliteFile>
{
    private protected override Database Open() => file.Database;
}

public sealed class SqlServerOutboxStoreTests(SqlServerFixture fixture) : OutboxStoreTests, IClassFixture<SqlServerFixture>
{
    private protected override Database Open() => fixture.Require();
}
