using ContractMonitor.Core.Data;
using Dapper;

namespace ContractMonitor.Core.Notifications;

/// <summary>
/// Keeps the outbox from growing by its bulk (issue 22, item 9). The rows stay: they are the record
/// of who was told what and when, shown on every escalation. The rendered bodies are only needed to
/// send (and resend after a crash), so a sent email's bodies are cleared once it is long past any resend.
/// </summary>
internal sealed class OutboxRetention(Database database)
{
    /// <summary>Far past the dispatcher's claim lease, and past any question a chair asks about last quarter's email.</summary>
    public static readonly TimeSpan KeepBodiesFor = TimeSpan.FromDays(90);

    /// <summary>Rows per statement, so a first run over years of mail does not hold a long lock.</summary>
    public const int BatchSize = 500;

    private static readonly DialectSql ClearSql = new(
        SqlServer: """
            UPDATE TOP (@BatchSize) Notifications SET TextBody = NULL, HtmlBody = NULL
            WHERE Status = 'Sent' AND SentAt < @Before AND TextBody IS NOT NULL
            """,
        Sqlite: """
            UPDATE Notifications SET TextBody = NULL, HtmlBody = NULL
            WHERE Id IN (
                SELECT Id FROM Notifications
                WHERE Status = 'Sent' AND SentAt < @Before AND TextBody IS NOT NULL
                LIMIT @BatchSize)
            """);

    /// <returns>How many emails' bodies were cleared.</returns>
    public async Task<int> ClearSentBodiesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var total = 0;
        await using var connection = await database.OpenAsync(cancellationToken);
        for (int cleared; (cleared = await connection.ExecuteAsync(new CommandDefinition(database.Dialect[ClearSql],
                 new { BatchSize, Before = now - KeepBodiesFor }, cancellationToken: cancellationToken))) > 0;)
        {
            total += cleared;
        }

        return total;
    }
}
