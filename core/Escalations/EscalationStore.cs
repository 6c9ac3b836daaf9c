using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Escalations;

/// <summary>Escalations with their events, as the people on both sides of a contract read them.</summary>
internal sealed class EscalationStore(Database database, TimeProvider clock)
{
    private const string SelectSql = """
        SELECT e.Id, e.ContractId, m.Code AS MeasureCode, e.Reason, e.Level, e.Status, e.RunStart, e.OpenedPeriod, e.LastPeriod,
               e.OpenedAt, e.ResolvedAt
        FROM Escalations e
        JOIN Measures m ON m.Id = e.MeasureId
        """;

    private const string ListSql = SelectSql + """

        WHERE e.ContractId = @ContractId AND (@Status IS NULL OR e.Status = @Status)
          AND (@KnownAt IS NULL OR e.OpenedAt < @KnownAt)
        ORDER BY e.Id
        """;

    /// <summary>
    /// A visible contract's escalations, oldest first; the caller has checked visibility. With
    /// <paramref name="knownAt"/>, as they stood before it: the records opened by then, their events
    /// and emails by then, and the level and status those events left them at.
    /// </summary>
    public async Task<IReadOnlyList<Escalation>> ListAsync(
        long contractId, EscalationFilter filter, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var status = filter == EscalationFilter.All ? null : filter.ToString();
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<EscalationRow>(new CommandDefinition(ListSql, new
        {
            ContractId = contractId,
            // Today's status says nothing of the status then, so a past view filters after replaying.
            Status = knownAt is null ? status : null,
            KnownAt = knownAt,
        }, cancellationToken: cancellationToken))).ToList();
        var escalations = await WithEventsAsync(connection, null, contractId, rows, knownAt, cancellationToken, clock.GetUtcNow());
        return knownAt is { } at
            ? escalations.Select(e => EscalationHistory.AsKnownAt(e, at)).OfType<Escalation>()
                .Where(e => status is null || e.Status.ToString() == status).ToList()
            : escalations;
    }

    private const string FindVisibleSql = SelectSql + """

        WHERE e.Id = @Id AND e.ContractId IN (
        """ + Visibility.VisibleContractIdsSql + ")";

    /// <summary>The escalation if the caller's organisation commissions or provides its contract; otherwise null.</summary>
    public async Task<Escalation?> FindVisibleAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindVisibleAsync(connection, null, id, caller, clock.GetUtcNow(), cancellationToken);
    }

    private static async Task<Escalation?> FindVisibleAsync(
        DbConnection connection, DbTransaction? transaction, long id, Caller caller, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<EscalationRow>(new CommandDefinition(
            FindVisibleSql, new { Id = id, caller.CommissionerOrg, caller.ProviderOrg }, transaction, cancellationToken: cancellationToken));
        return row is null ? null : (await WithEventsAsync(connection, transaction, row.ContractId, [row], null, cancellationToken, now))[0];
    }

    private const string InsertEventSql = """
        INSERT INTO EscalationEvents (EscalationId, Type, Period, Level, Note, Actor, ActorOrg, OccurredAt)
        VALUES (@EscalationId, @Type, @Period, @Level, @Note, @Actor, @ActorOrg, @OccurredAt)
        """;

    /// <summary>
    /// Records that the council has seen an escalation, with the officer's note. A resolved
    /// escalation needs no acknowledgement: that is a conflict, and nothing is written. Null when the
    /// caller cannot see the escalation.
    /// </summary>
    private const string LockSql = "UPDATE Escalations SET Level = Level WHERE Id = @Id";

    public async Task<WriteResult<Escalation>?> AcknowledgeAsync(
        long id, Caller caller, string note, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindVisibleAsync(connection, transaction, id, caller, clock.GetUtcNow(), cancellationToken) is null)
        {
            return null;
        }

        // Then lock the record and read it again: on SQL Server, an evaluation resolving it meanwhile
        // waits for this transaction (or this one for it), so an acknowledgement never lands on a
        // record resolved between the read and the write. Only a record the caller may see is locked.
        await connection.ExecuteAsync(new CommandDefinition(LockSql, new { Id = id }, transaction, cancellationToken: cancellationToken));
        var before = (await FindVisibleAsync(connection, transaction, id, caller, clock.GetUtcNow(), cancellationToken))!;

        if (before.Status == EscalationStatus.Resolved)
        {
            return WriteResult.Conflict<Escalation>(
                $"Escalation {id} was resolved at {before.ResolvedAt:u}; only an open escalation can be acknowledged.");
        }

        await connection.ExecuteAsync(new CommandDefinition(InsertEventSql, new
        {
            EscalationId = id,
            Type = nameof(EscalationEventType.Acknowledged),
            Period = before.LastPeriod,
            before.Level,
            Note = note.Trim(),
            Actor = caller.Name,
            ActorOrg = caller.Org,
            OccurredAt = now,
        }, transaction, cancellationToken: cancellationToken));
        var after = (await FindVisibleAsync(connection, transaction, id, caller, clock.GetUtcNow(), cancellationToken))!;
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry(
            "escalation.acknowledged", "Escalation", id.ToString(CultureInfo.InvariantCulture), before.ContractId,
            before with { Events = [], Notifications = [] }, after.Events[^1]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(after);
    }

    private const string EventsSql = """
        SELECT ev.Id, ev.EscalationId, ev.Type, ev.Period, ev.Level, ev.Note, ev.Cause, ev.Actor, ev.OccurredAt
        FROM EscalationEvents ev
        JOIN Escalations e ON e.Id = ev.EscalationId
        WHERE e.ContractId = @ContractId AND (@EscalationId IS NULL OR ev.EscalationId = @EscalationId)
          AND (@KnownAt IS NULL OR ev.OccurredAt < @KnownAt)
        ORDER BY ev.Id
        """;

    private static async Task<IReadOnlyList<Escalation>> WithEventsAsync(
        DbConnection connection, DbTransaction? transaction, long contractId, IReadOnlyList<EscalationRow> rows,
        DateTimeOffset? knownAt, CancellationToken cancellationToken, DateTimeOffset? now = null)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        // One escalation reads only its own events; a list reads the contract's at once.
        var args = new { ContractId = contractId, EscalationId = rows.Count == 1 ? rows[0].Id : (long?)null, KnownAt = knownAt };
        var timeline = await PolicyChangeStore.TimelineAsync(connection, transaction, contractId, cancellationToken);
        var policies = timeline with { Changes = PolicyChange.KnownAt(timeline.Changes, knownAt) };
        var events = (await connection.QueryAsync<EventRow>(new CommandDefinition(
            EventsSql, args, transaction, cancellationToken: cancellationToken))).ToLookup(e => e.EscalationId);
        var emails = (await NotificationStore.ForEscalationsAsync(connection, transaction, contractId, args.EscalationId, cancellationToken))
            .Where(n => knownAt is null || n.CreatedAt < knownAt)
            .ToLookup(n => n.EscalationId);
        // Each level is named as the ladder stood in the event's period (the ladder can be renamed from a period, issue 20).
        var today = UkCalendar.DateOf(knownAt ?? now ?? DateTimeOffset.MaxValue);
        string NameOf(int level, string? period) => policies.LevelName(level, period, today);
        return rows.Select(r => r.ToEscalation(NameOf(r.Level, r.LastPeriod), events[r.Id].Select(e => e.ToEvent(NameOf(e.Level, e.Period))).ToList(),
            emails[r.Id].ToList())).ToList();
    }

    /// <summary>The ladder's name for a level, or "Level n" where the ladder has none.</summary>
    internal static string LevelName(int level, string? name) =>
        name ?? string.Create(CultureInfo.InvariantCulture, $"Level {level}");

    private sealed record EscalationRow
    {
        public long Id { get; init; }
        public long ContractId { get; init; }
        public string MeasureCode { get; init; } = "";
        public string Reason { get; init; } = "";
        public int Level { get; init; }
        public string Status { get; init; } = "";
        public string? RunStart { get; init; }
        public string OpenedPeriod { get; init; } = "";
        public string LastPeriod { get; init; } = "";
        public DateTimeOffset OpenedAt { get; init; }
        public DateTimeOffset? ResolvedAt { get; init; }

        public Escalation ToEscalation(
            string levelName, IReadOnlyList<EscalationEvent> events, IReadOnlyList<Notification> notifications) => new(
            Id, ContractId, MeasureCode, Enum.Parse<EscalationReason>(Reason), Level, levelName,
            Enum.Parse<EscalationStatus>(Status), OpenedPeriod, LastPeriod, OpenedAt, ResolvedAt, events, notifications, RunStart ?? OpenedPeriod);
    }

    private sealed record EventRow
    {
        public long Id { get; init; }
        public long EscalationId { get; init; }
        public string Type { get; init; } = "";
        public string? Period { get; init; }
        public int Level { get; init; }
        public string? Note { get; init; }
        public string? Cause { get; init; }
        public string Actor { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }

        public EscalationEvent ToEvent(string levelName) => new(
            Id, Enum.Parse<EscalationEventType>(Type), Period, Level, levelName, Note, Actor, OccurredAt, Cause);
    }
}
