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

    // The next batch is found by walking forward from the last one by id, so a run over years of mail
    // reads each row once rather than passing the rows it has cleared again on every batch.
    private static readonly DialectSql NextBatchSql = new(
        SqlServer: """
            SELECT MIN(Id) AS First, MAX(Id) AS Last, COUNT(*) AS Count FROM (
                SELECT TOP (@BatchSize) Id FROM Notifications
                WHERE Id > @After AND Status = 'Sent' AND SentAt < @Before AND TextBody IS NOT NULL
                ORDER BY Id) AS b
            """,
        Sqlite: """
            SELECT MIN(Id) AS First, MAX(Id) AS Last, COUNT(*) AS Count FROM (
                SELECT Id FROM Notifications
                WHERE Id > @After AND Status = 'Sent' AND SentAt < @Before AND TextBody IS NOT NULL
                ORDER BY Id
                LIMIT @BatchSize) AS b
            """);

    private const string ClearSql = """
        UPDATE Notifications SET TextBody = NULL, HtmlBody = NULL
        WHERE Id BETWEEN @First AND @Last AND Status = 'Sent' AND SentAt < @Before AND TextBody IS NOT NULL
        """;

    /// <returns>How many emails' bodies were cleared.</returns>
    public async Task<int> ClearSentBodiesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var total = 0;
        var before = now - KeepBodiesFor;
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var after = 0L; ;)
        {
            var batch = await connection.QuerySingleAsync<(long? First, long? Last, int Count)>(new CommandDefinition(
                database.Dialect[NextBatchSql], new { BatchSize, After = after, Before = before }, cancellationToken: cancellationToken));
            if (batch is not { First: { } first, Last: { } last })
            {
                return total;
            }

            total += await connection.ExecuteAsync(new CommandDefinition(ClearSql, new { First = first, Last = last, Before = before },
                cancellationToken: cancellationToken));
            after = last;
        }
    }
}
