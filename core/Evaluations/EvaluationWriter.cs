using System.Data.Common;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Data;
using Dapper;

namespace ContractMonitor.Core.Evaluations;

/// <summary>The writes of one contract's evaluation, all in its transaction, counted as they go.</summary>
internal sealed class EvaluationWriter(
    DbTransaction transaction, SqlDialect dialect, long contractId, DateTimeOffset now, CancellationToken cancellationToken)
{
    public int EvaluationsWritten { get; private set; }

    public int EscalationsWritten { get; private set; }

    public int EventsWritten { get; private set; }

    private DbConnection Connection => transaction.Connection!;

    private const string InsertEvaluationSql = """
        INSERT INTO Evaluations (MeasureId, Period, PeriodStart, Value, Revision, Target, Tolerance, TargetVersion,
            Rating, Direction, Late, SmallCohort, EvaluatedAt)
        VALUES (@MeasureId, @Period, @PeriodStart, @Value, @Revision, @Target, @Tolerance, @TargetVersion,
            @Rating, @Direction, @Late, @SmallCohort, @EvaluatedAt)
        """;

    private const string UpdateEvaluationSql = """
        UPDATE Evaluations
        SET Value = @Value, Revision = @Revision, Target = @Target, Tolerance = @Tolerance, TargetVersion = @TargetVersion,
            Rating = @Rating, Direction = @Direction, Late = @Late, SmallCohort = @SmallCohort, EvaluatedAt = @EvaluatedAt
        WHERE Id = @Id
        """;

    public async Task WriteEvaluationAsync(long measureId, long? id, PeriodRating rating)
    {
        await Connection.ExecuteAsync(new CommandDefinition(id is null ? InsertEvaluationSql : UpdateEvaluationSql, new
        {
            Id = id,
            MeasureId = measureId,
            Period = rating.Period.ToString(),
            PeriodStart = rating.Period.Start,
            rating.Value,
            rating.Revision,
            rating.Target,
            rating.Tolerance,
            rating.TargetVersion,
            Rating = rating.Rating.ToString(),
            Direction = rating.Direction?.ToString(),
            rating.Late,
            rating.SmallCohort,
            EvaluatedAt = now,
        }, transaction, cancellationToken: cancellationToken));
        EvaluationsWritten++;
    }

    private static readonly DialectSql InsertEscalationSql = new(
        SqlServer: """
            INSERT INTO Escalations (ContractId, MeasureId, Reason, Level, Status, OpenedPeriod, LastPeriod, OpenedAt, UpdatedAt, ResolvedAt)
            OUTPUT INSERTED.Id
            VALUES (@ContractId, @MeasureId, @Reason, @Level, @Status, @OpenedPeriod, @LastPeriod, @At, @At, @ResolvedAt)
            """,
        Sqlite: """
            INSERT INTO Escalations (ContractId, MeasureId, Reason, Level, Status, OpenedPeriod, LastPeriod, OpenedAt, UpdatedAt, ResolvedAt)
            VALUES (@ContractId, @MeasureId, @Reason, @Level, @Status, @OpenedPeriod, @LastPeriod, @At, @At, @ResolvedAt)
            RETURNING Id
            """);

    private const string UpdateEscalationSql = """
        UPDATE Escalations
        SET Level = @Level, Status = @Status, LastPeriod = @LastPeriod, UpdatedAt = @At, ResolvedAt = @ResolvedAt
        WHERE Id = @Id
        """;

    private const string InsertEventSql = """
        INSERT INTO EscalationEvents (EscalationId, Type, Period, Level, Note, Actor, ActorOrg, OccurredAt)
        VALUES (@EscalationId, @Type, @Period, @Level, @Note, @Actor, NULL, @At)
        """;

    public async Task ApplyAsync(long measureId, EscalationReason reason, EscalationChange change)
    {
        switch (change)
        {
            case Create create:
                var episode = create.Episode;
                var id = await Connection.ExecuteScalarAsync<long>(new CommandDefinition(dialect[InsertEscalationSql], new
                {
                    ContractId = contractId,
                    MeasureId = measureId,
                    Reason = reason.ToString(),
                    episode.Last.Level,
                    Status = episode.Last.Status.ToString(),
                    OpenedPeriod = episode.OpenedPeriod.ToString(),
                    LastPeriod = episode.Last.Period.ToString(),
                    At = now,
                    ResolvedAt = episode.IsResolved ? now : (DateTimeOffset?)null,
                }, transaction, cancellationToken: cancellationToken));
                EscalationsWritten++;
                await EventsAsync(id, episode.Events.Select(e => (e.Type, e.Period.ToString(), e.Level, (string?)null)));
                break;
            case Advance advance:
                await UpdateAsync(advance.Escalation.Id, advance.State.Level, advance.State.Status, advance.State.Period.ToString());
                await EventsAsync(advance.Escalation.Id, advance.Events.Select(e => (e.Type, e.Period.ToString(), e.Level, (string?)null)));
                break;
            case Supersede supersede:
                var stored = supersede.Escalation;
                await UpdateAsync(stored.Id, stored.Level, EscalationStatus.Resolved, stored.LastPeriod.ToString());
                await EventsAsync(stored.Id, [(EscalationEventType.Resolved, supersede.Period.ToString(), stored.Level, supersede.Note)]);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown escalation change.");
        }
    }

    private async Task UpdateAsync(long id, int level, EscalationStatus status, string lastPeriod)
    {
        await Connection.ExecuteAsync(new CommandDefinition(UpdateEscalationSql, new
        {
            Id = id,
            Level = level,
            Status = status.ToString(),
            LastPeriod = lastPeriod,
            At = now,
            ResolvedAt = status == EscalationStatus.Resolved ? now : (DateTimeOffset?)null,
        }, transaction, cancellationToken: cancellationToken));
        EscalationsWritten++;
    }

    private async Task EventsAsync(long escalationId, IEnumerable<(EscalationEventType Type, string Period, int Level, string? Note)> events)
    {
        var rows = events.Select(e => new
        {
            EscalationId = escalationId,
            Type = e.Type.ToString(),
            e.Period,
            e.Level,
            e.Note,
            Actor = ContractEvaluator.Actor,
            At = now,
        }).ToList();
        if (rows.Count > 0)
        {
            await Connection.ExecuteAsync(new CommandDefinition(InsertEventSql, rows, transaction, cancellationToken: cancellationToken));
            EventsWritten += rows.Count;
        }
    }

    // Compare-and-set: a mark re-made since it was read has a new generation and stays for the next run.
    private const string ClearMarkSql = """
        DELETE FROM PendingEvaluations WHERE MeasureId = @MeasureId AND Period = @Period AND Generation = @Generation
        """;

    public async Task<int> ClearMarksAsync(IReadOnlyList<MarkRow> marks) => marks.Count == 0
        ? 0
        : await Connection.ExecuteAsync(new CommandDefinition(ClearMarkSql, marks, transaction, cancellationToken: cancellationToken));

    private const string CompleteRequestsSql = """
        UPDATE EvaluationRequests
        SET CompletedAt = @At, EvaluationsWritten = @EvaluationsWritten, EventsWritten = @EventsWritten
        WHERE Id = @Id AND CompletedAt IS NULL
        """;

    public Task CompleteRequestsAsync(IReadOnlyList<long> requests) => requests.Count == 0
        ? Task.CompletedTask
        : Connection.ExecuteAsync(new CommandDefinition(CompleteRequestsSql,
            requests.Select(id => new { Id = id, At = now, EvaluationsWritten, EventsWritten }).ToList(),
            transaction, cancellationToken: cancellationToken));
}
