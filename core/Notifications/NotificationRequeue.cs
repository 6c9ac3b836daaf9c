using System.Globalization;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using Dapper;

namespace ContractMonitor.Core.Notifications;

/// <summary>
/// An email that failed for good (refused by the mail server, or out of attempts) is sent again
/// when an operator says so (issue 21): back to Pending with its attempts reset, audited. Its
/// rendered message and Message-Id are kept, so the recipient gets the same email, not a new one.
/// </summary>
internal sealed class NotificationRequeue(Database database, TimeProvider clock)
{
    // Compare-and-set on Failed: two requeues of one email, or a requeue racing the dispatcher, move it once.
    private const string RequeueSql = """
        UPDATE Notifications
        SET Status = 'Pending', Attempts = 0, NextAttemptAt = @Now, ClaimToken = NULL, ClaimedUntil = NULL
        WHERE Id = @Id AND ContractId = @ContractId AND Status = 'Failed'
        """;

    private const string FindSql = """
        SELECT Status, Attempts, LastError FROM Notifications WHERE Id = @Id AND ContractId = @ContractId
        """;

    /// <returns>Updated; NotFound (null value, no detail) when the contract has no such email; Conflict when it has not failed.</returns>
    public async Task<WriteResult<string>?> RequeueAsync(long contractId, long id, Caller caller, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var args = new { Id = id, ContractId = contractId, Now = now };
        var before = await connection.QuerySingleOrDefaultAsync<(string Status, int Attempts, string? LastError)?>(new CommandDefinition(
            FindSql, args, transaction, cancellationToken: cancellationToken));
        if (before is not { } was)
        {
            return null;
        }

        if (await connection.ExecuteAsync(new CommandDefinition(RequeueSql, args, transaction, cancellationToken: cancellationToken)) == 0)
        {
            // Read again: another requeue or the dispatcher may have moved it since the read above.
            var current = await connection.QuerySingleAsync<(string Status, int Attempts, string? LastError)>(new CommandDefinition(
                FindSql, args, transaction, cancellationToken: cancellationToken));
            return WriteResult.Conflict<string>(
                $"Email {id} is {current.Status}, not Failed: only an email that has failed for good can be sent again.");
        }

        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry("notification.requeued", "Notification",
            id.ToString(CultureInfo.InvariantCulture), contractId,
            new { was.Status, was.Attempts, was.LastError }, new { Status = nameof(NotificationStatus.Pending), Attempts = 0 }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(nameof(NotificationStatus.Pending));
    }
}
