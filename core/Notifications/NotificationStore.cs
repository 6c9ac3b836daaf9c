using System.Data.Common;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Data;
using Dapper;

namespace ContractMonitor.Core.Notifications;

/// <summary>The outbox as people read it: every email of a contract, what it said and what became of it.</summary>
internal sealed class NotificationStore(Database database)
{
    private const string ListSql = """
        SELECT Id, Kind, EscalationId, EventId, DigestMonth, Recipient, RecipientName, RecipientRole, Subject, Status, Attempts,
               NextAttemptAt, LastError, MessageId, CreatedAt, SentAt
        FROM Notifications
        WHERE ContractId = @ContractId
          AND (@Status IS NULL OR Status = @Status)
          AND (@Kind IS NULL OR Kind = @Kind)
          AND (@EscalationId IS NULL OR EscalationId = @EscalationId)
          AND (@Id IS NULL OR Id = @Id)
        ORDER BY Id
        """;

    /// <summary>A visible contract's emails, oldest first; the caller has checked visibility.</summary>
    public async Task<IReadOnlyList<Notification>> ListAsync(long contractId, NotificationFilter filter, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, contractId, filter == NotificationFilter.All ? null : filter.ToString(), null, null, cancellationToken);
    }

    /// <summary>One email of a visible contract, or null when the contract has no such email.</summary>
    public async Task<Notification?> FindAsync(long contractId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await ReadAsync(connection, null, contractId, null, null, null, cancellationToken, id)).SingleOrDefault();
    }

    /// <summary>The emails of a contract's escalations, or of one of them.</summary>
    internal static Task<IReadOnlyList<Notification>> ForEscalationsAsync(
        DbConnection connection, DbTransaction? transaction, long contractId, long? escalationId, CancellationToken cancellationToken) =>
        ReadAsync(connection, transaction, contractId, null, nameof(NotificationKind.Escalation), escalationId, cancellationToken);

    private static async Task<IReadOnlyList<Notification>> ReadAsync(
        DbConnection connection, DbTransaction? transaction, long contractId, string? status, string? kind, long? escalationId,
        CancellationToken cancellationToken, long? id = null)
    {
        var rows = await connection.QueryAsync<NotificationRow>(new CommandDefinition(ListSql, new
        {
            ContractId = contractId,
            Status = status,
            Kind = kind,
            EscalationId = escalationId,
            Id = id,
        }, transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToNotification()).ToList();
    }

    private sealed record NotificationRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public long? EscalationId { get; init; }
        public long? EventId { get; init; }
        public string? DigestMonth { get; init; }
        public string Recipient { get; init; } = "";
        public string RecipientName { get; init; } = "";
        public string RecipientRole { get; init; } = "";
        public string? Subject { get; init; }
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset NextAttemptAt { get; init; }
        public string? LastError { get; init; }
        public string? MessageId { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }

        public Notification ToNotification()
        {
            var status = Enum.Parse<NotificationStatus>(Status);
            return new Notification(
                Id, Enum.Parse<NotificationKind>(Kind), EscalationId, EventId, DigestMonth, Recipient, RecipientName, RecipientRole, Subject,
                status, Attempts, status == NotificationStatus.Pending ? NextAttemptAt : null, LastError, MessageId, CreatedAt, SentAt);
        }
    }
}
