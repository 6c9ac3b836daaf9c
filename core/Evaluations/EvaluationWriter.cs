using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Notifications;
using Dapper;

namespace ContractMonitor.Core.Evaluations;

/// <summary>
/// The writes of one contract's evaluation, all in its transaction, counted as they go. New rows
/// (ratings, escalations, events) wait for <see cref="FlushAsync"/> and go in one bulk insert per
/// table: a full evaluation writes hundreds of thousands of rows.
/// </summary>
internal sealed class EvaluationWriter(
    DbTransaction transaction, SqlDialect dialect, long contractId, ContractTerms terms, DateTimeOffset now, CancellationToken cancellationToken)
{
    public int EvaluationsWritten { get; private set; }

    public int EscalationsWritten { get; private set; }

    public int EventsWritten { get; private set; }

    public int NotificationsWritten { get; private set; }

    private DbConnection Connection => transaction.Connection!;

    private static readonly BulkRows InsertEvaluations = new(new DialectSql(
        SqlServer: """
            INSERT INTO Evaluations (MeasureId, Period, PeriodStart, Value, Revision, Target, Tolerance, TargetVersion,
                Rating, Direction, Late, SmallCohort, EvaluatedAt)
            SELECT j.MeasureId, j.Period, j.PeriodStart, j.Value, j.Revision, j.Target, j.Tolerance, j.TargetVersion,
                j.Rating, j.Direction, j.Late, j.SmallCohort, @At
            FROM OPENJSON(@Rows) WITH (
                MeasureId bigint '$[1]', Period varchar(10) '$[2]', PeriodStart date '$[3]', Value decimal(19, 6) '$[4]',
                Revision int '$[5]', Target decimal(19, 6) '$[6]', Tolerance decimal(19, 6) '$[7]', TargetVersion int '$[8]',
                Rating varchar(16) '$[9]', Direction varchar(16) '$[10]', Late bit '$[11]', SmallCohort bit '$[12]') AS j
            """,
        Sqlite: """
            INSERT INTO Evaluations (MeasureId, Period, PeriodStart, Value, Revision, Target, Tolerance, TargetVersion,
                Rating, Direction, Late, SmallCohort, EvaluatedAt)
            VALUES (@MeasureId, @Period, @PeriodStart, @Value, @Revision, @Target, @Tolerance, @TargetVersion,
                @Rating, @Direction, @Late, @SmallCohort, @At)
            """),
        ["@MeasureId", "@Period", "@PeriodStart", "@Value", "@Revision", "@Target", "@Tolerance", "@TargetVersion",
            "@Rating", "@Direction", "@Late", "@SmallCohort"]);

    // The field's name ends in Sql so that the statement checks find it (AppStatements).
    private static readonly DialectSql InsertEvaluationsSql = InsertEvaluations.Sql;

    private const string UpdateEvaluationSql = """
        UPDATE Evaluations
        SET Value = @Value, Revision = @Revision, Target = @Target, Tolerance = @Tolerance, TargetVersion = @TargetVersion,
            Rating = @Rating, Direction = @Direction, Late = @Late, SmallCohort = @SmallCohort, EvaluatedAt = @EvaluatedAt
        WHERE Id = @Id
        """;

    private readonly List<(long MeasureId, PeriodRating Rating)> newRatings = [];

    public async Task WriteEvaluationAsync(long measureId, long? id, PeriodRating rating)
    {
        EvaluationsWritten++;
        if (id is null)
        {
            newRatings.Add((measureId, rating));
            return;
        }

        await Connection.ExecuteAsync(new CommandDefinition(UpdateEvaluationSql, new
        {
            Id = id,
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
    }

    private const string DeleteEvaluationSql = """
        DELETE FROM Evaluations WHERE Id = @Id
        """;

    /// <summary>A period that has left the measure's series (its start moved) has no rating any more.</summary>
    public async Task DeleteEvaluationAsync(long id)
    {
        EvaluationsWritten++;
        await Connection.ExecuteAsync(new CommandDefinition(DeleteEvaluationSql, new { Id = id }, transaction, cancellationToken: cancellationToken));
    }

    private static readonly BulkRows InsertEscalations = new(new DialectSql(
        // MERGE rather than INSERT: only its OUTPUT can name the source row each new id belongs to.
        SqlServer: """
            MERGE INTO Escalations AS t
            USING (
                SELECT j.Seq, j.ContractId, j.MeasureId, j.Reason, j.Level, j.Status, j.RunStart, j.OpenedPeriod, j.LastPeriod, j.Resolved
                FROM OPENJSON(@Rows) WITH (
                    Seq int '$[0]', ContractId bigint '$[1]', MeasureId bigint '$[2]', Reason varchar(32) '$[3]', Level int '$[4]',
                    Status varchar(16) '$[5]', RunStart varchar(10) '$[6]', OpenedPeriod varchar(10) '$[7]', LastPeriod varchar(10) '$[8]',
                    Resolved bit '$[9]') AS j) AS s
            ON 1 = 0
            WHEN NOT MATCHED THEN
                INSERT (ContractId, MeasureId, Reason, Level, Status, RunStart, OpenedPeriod, LastPeriod, OpenedAt, UpdatedAt, ResolvedAt)
                VALUES (s.ContractId, s.MeasureId, s.Reason, s.Level, s.Status, s.RunStart, s.OpenedPeriod, s.LastPeriod, @At, @At,
                    CASE WHEN s.Resolved = 1 THEN @At END)
            OUTPUT s.Seq, INSERTED.Id;
            """,
        Sqlite: """
            INSERT INTO Escalations (ContractId, MeasureId, Reason, Level, Status, RunStart, OpenedPeriod, LastPeriod, OpenedAt, UpdatedAt, ResolvedAt)
            VALUES (@ContractId, @MeasureId, @Reason, @Level, @Status, @RunStart, @OpenedPeriod, @LastPeriod, @At, @At,
                CASE WHEN @Resolved = 1 THEN @At END)
            RETURNING Id
            """),
        ["@ContractId", "@MeasureId", "@Reason", "@Level", "@Status", "@RunStart", "@OpenedPeriod", "@LastPeriod", "@Resolved"]);

    private static readonly DialectSql InsertEscalationsSql = InsertEscalations.Sql;

    private static readonly BulkRows InsertEvents = new(new DialectSql(
        SqlServer: """
            MERGE INTO EscalationEvents AS t
            USING (
                SELECT j.Seq, j.EscalationId, j.Type, j.Period, j.Level, j.Note, j.Cause, j.Step, j.Actor
                FROM OPENJSON(@Rows) WITH (
                    Seq int '$[0]', EscalationId bigint '$[1]', Type varchar(16) '$[2]', Period varchar(10) '$[3]', Level int '$[4]',
                    Note nvarchar(4000) '$[5]', Cause nvarchar(1000) '$[6]', Step int '$[7]', Actor nvarchar(200) '$[8]') AS j) AS s
            ON 1 = 0
            WHEN NOT MATCHED THEN
                INSERT (EscalationId, Type, Period, Level, Note, Cause, Step, Actor, ActorOrg, OccurredAt)
                VALUES (s.EscalationId, s.Type, s.Period, s.Level, s.Note, s.Cause, s.Step, s.Actor, NULL, @At)
            OUTPUT s.Seq, INSERTED.Id;
            """,
        Sqlite: """
            INSERT INTO EscalationEvents (EscalationId, Type, Period, Level, Note, Cause, Step, Actor, ActorOrg, OccurredAt)
            VALUES (@EscalationId, @Type, @Period, @Level, @Note, @Cause, @Step, @Actor, NULL, @At)
            RETURNING Id
            """),
        ["@EscalationId", "@Type", "@Period", "@Level", "@Note", "@Cause", "@Step", "@Actor"]);

    private static readonly DialectSql InsertEventsSql = InsertEvents.Sql;

    private const string UpdateEscalationSql = """
        UPDATE Escalations
        SET RunStart = @RunStart, OpenedPeriod = @OpenedPeriod, Level = @Level, Status = @Status, LastPeriod = @LastPeriod,
            UpdatedAt = @At, ResolvedAt = CASE WHEN @Status = 'Resolved' THEN COALESCE(ResolvedAt, @At) END
        WHERE Id = @Id
        """;

    private sealed record Creation(long MeasureId, EscalationReason Reason, Create Change, Func<NewEvent, bool> Holdable);

    private readonly List<Creation> creations = [];

    private readonly List<(long EscalationId, NewEvent Event)> events = [];

    // The last event of each record this run changed, when the change is news, and the highest level it reached.
    private readonly List<(long EscalationId, int EventIndex, int Level, bool Holdable)> news = [];

    /// <summary>Each raise or climb this run appended, by reason and the level it reached: counted once the run commits.</summary>
    public List<(EscalationReason Reason, int Level)> Opened { get; } = [];

    /// <summary>Applies one planned change: updates at once, new records and events at the flush.</summary>
    /// <param name="retiredFrom">The measure's retirement in effect: events from then on are about no period anyone signs off.</param>
    public async Task ApplyAsync(long measureId, EscalationReason reason, EscalationChange change, Periods.Period? retiredFrom = null)
    {
        Opened.AddRange(change.Events.Where(e => e.Type is EscalationEventType.Raised or EscalationEventType.Escalated).Select(e => (reason, e.Level)));
        // Missing returns have no figures to sign off, and a retired period owes none: no acceptance
        // could ever release emails about either, so they are never held (requireAcceptance).
        bool Holdable(NewEvent e) => reason != EscalationReason.MissingReturns && (retiredFrom is not { } r || e.Period is not { } p || p < r);
        switch (change)
        {
            case Create create:
                creations.Add(new Creation(measureId, reason, create, Holdable));
                break;
            case Advance next:
                await UpdateAsync(next.Escalation.Id, next.Episode);
                AddEvents(next.Escalation.Id, next, Holdable);
                break;
            case Withdraw withdraw:
                var stored = withdraw.Escalation;
                await UpdateAsync(stored.Id, stored.RunStart, stored.OpenedPeriod, stored.Level, EscalationStatus.Resolved, stored.LastPeriod);
                AddEvents(stored.Id, withdraw, Holdable);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown escalation change.");
        }
    }

    private Task UpdateAsync(long id, EscalationEpisode episode) =>
        UpdateAsync(id, episode.RunStart, episode.OpenedPeriod, episode.Level, episode.Status, episode.LastPeriod);

    private async Task UpdateAsync(
        long id, Periods.Period runStart, Periods.Period openedPeriod, int level, EscalationStatus status, Periods.Period lastPeriod)
    {
        await Connection.ExecuteAsync(new CommandDefinition(UpdateEscalationSql, new
        {
            Id = id,
            RunStart = runStart.ToString(),
            OpenedPeriod = openedPeriod.ToString(),
            Level = level,
            Status = status.ToString(),
            LastPeriod = lastPeriod.ToString(),
            At = now,
        }, transaction, cancellationToken: cancellationToken));
        EscalationsWritten++;
    }

    private void AddEvents(long escalationId, EscalationChange change, Func<NewEvent, bool> holdable)
    {
        foreach (var e in change.Events)
        {
            events.Add((escalationId, e));
        }

        EventsWritten += change.Events.Count;
        if (NotificationRules.IsNews(change, terms))
        {
            news.Add((escalationId, events.Count - 1, change.HighestLevel, holdable(events[^1].Event)));
        }
    }

    /// <summary>Writes the new escalations, events and ratings collected so far, and the emails of the changes that are news.</summary>
    public async Task FlushAsync()
    {
        if (creations.Count > 0)
        {
            var ids = await BulkInsert.InsertReturningIdsAsync(transaction, dialect, InsertEscalations, creations, c =>
                [contractId, c.MeasureId, c.Reason.ToString(), c.Change.Episode.Level, c.Change.Episode.Status.ToString(),
                    c.Change.Episode.RunStart.ToString(), c.Change.Episode.OpenedPeriod.ToString(), c.Change.Episode.LastPeriod.ToString(),
                    c.Change.Episode.IsResolved], now, cancellationToken);
            EscalationsWritten += ids.Count;
            for (var i = 0; i < ids.Count; i++)
            {
                AddEvents(ids[i], creations[i].Change, creations[i].Holdable);
            }

            creations.Clear();
        }

        if (events.Count > 0)
        {
            var ids = await BulkInsert.InsertReturningIdsAsync(transaction, dialect, InsertEvents, events, e =>
                [e.EscalationId, e.Event.Type.ToString(), e.Event.Period?.ToString(), e.Event.Level, e.Event.Note, e.Event.Cause, e.Event.Step,
                    ContractEvaluator.Actor], now, cancellationToken);
            var emailed = news.Select(n => new EmailedEvent(ids[n.EventIndex], n.EscalationId, n.Level,
                    n.Holdable ? events[n.EventIndex].Event.Period?.ToString() : null))
                .ToList();
            NotificationsWritten += await EscalationOutbox.WriteAsync(transaction, contractId, emailed, now, cancellationToken);
            events.Clear();
            news.Clear();
        }

        if (newRatings.Count > 0)
        {
            await BulkInsert.InsertAsync(transaction, dialect, InsertEvaluations, newRatings, r =>
                [r.MeasureId, r.Rating.Period.ToString(), r.Rating.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    r.Rating.Value, r.Rating.Revision, r.Rating.Target, r.Rating.Tolerance, r.Rating.TargetVersion,
                    r.Rating.Rating.ToString(), r.Rating.Direction?.ToString(), r.Rating.Late, r.Rating.SmallCohort], now, cancellationToken);
            newRatings.Clear();
        }
    }

    // Clears exactly the marks this evaluation read. SQLite's write transaction has held the only
    // write lock since before they were read, so nothing can have re-marked them and the contract's
    // marks can go at once. On SQL Server a submission may re-mark a period meanwhile, so a mark goes
    // only if its generation is still the one read (compare-and-set), and a re-marked one stays.
    private static readonly DialectSql ClearMarksSql = new(
        SqlServer: """
            DELETE FROM PendingEvaluations
            WHERE EXISTS (
                SELECT 1
                FROM OPENJSON(@Marks) WITH (MeasureId bigint '$.MeasureId', Period varchar(10) '$.Period', Generation int '$.Generation') AS j
                WHERE j.MeasureId = PendingEvaluations.MeasureId AND j.Period = PendingEvaluations.Period
                  AND j.Generation = PendingEvaluations.Generation)
            """,
        Sqlite: """
            DELETE FROM PendingEvaluations WHERE MeasureId IN (SELECT Id FROM Measures WHERE ContractId = @ContractId)
            """);

    public async Task<int> ClearMarksAsync(IReadOnlyList<MarkRow> marks) => marks.Count == 0
        ? 0
        : await Connection.ExecuteAsync(new CommandDefinition(dialect[ClearMarksSql], new
        {
            ContractId = contractId,
            Marks = JsonSerializer.Serialize(marks),
        }, transaction, cancellationToken: cancellationToken));

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
