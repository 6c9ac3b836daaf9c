using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Migrations;
using Dapper;

namespace ContractMonitor.Core.Evaluations;

/// <summary>The writes of one contract's evaluation, all in its transaction, counted as they go.</summary>
internal sealed class EvaluationWriter(
    DbTransaction transaction, SqlDialect dialect, long contractId, DateTimeOffset now, CancellationToken cancellationToken) : IDisposable
{
    public int EvaluationsWritten { get; private set; }

    public int EscalationsWritten { get; private set; }

    public int EventsWritten { get; private set; }

    public int NotificationsWritten { get; private set; }

    private DbConnection Connection => transaction.Connection!;

    // The evaluation's time as SQLite stores it, for the values the prepared statements bind raw.
    private string SqliteNow => sqliteNow ??= DapperTypeHandlers.SqliteText(now);

    private string? sqliteNow;

    // New ratings go in per contract in one go: a full evaluation writes hundreds of thousands of
    // rows. SQL Server gets one JSON array per contract (a statement is a network round trip);
    // SQLite, in the process, one prepared statement run per row (SqlitePreparedRows says why).
    private static readonly DialectSql InsertEvaluationsSql = new(
        SqlServer: """
            INSERT INTO Evaluations (MeasureId, Period, PeriodStart, Value, Revision, Target, Tolerance, TargetVersion,
                Rating, Direction, Late, SmallCohort, EvaluatedAt)
            SELECT j.MeasureId, j.Period, j.PeriodStart, j.Value, j.Revision, j.Target, j.Tolerance, j.TargetVersion,
                j.Rating, j.Direction, j.Late, j.SmallCohort, @EvaluatedAt
            FROM OPENJSON(@Rows) WITH (
                MeasureId bigint '$.m', Period varchar(10) '$.p', PeriodStart date '$.s', Value decimal(19, 6) '$.v',
                Revision int '$.r', Target decimal(19, 6) '$.t', Tolerance decimal(19, 6) '$.l', TargetVersion int '$.tv',
                Rating varchar(16) '$.g', Direction varchar(16) '$.d', Late bit '$.late', SmallCohort bit '$.sc') AS j
            """,
        // Run once per row, prepared once (SqlitePreparedRows).
        Sqlite: """
            INSERT INTO Evaluations (MeasureId, Period, PeriodStart, Value, Revision, Target, Tolerance, TargetVersion,
                Rating, Direction, Late, SmallCohort, EvaluatedAt)
            VALUES (@MeasureId, @Period, @PeriodStart, @Value, @Revision, @Target, @Tolerance, @TargetVersion,
                @Rating, @Direction, @Late, @SmallCohort, @EvaluatedAt)
            """);

    private static readonly string[] InsertEvaluationParameters =
        ["@MeasureId", "@Period", "@PeriodStart", "@Value", "@Revision", "@Target", "@Tolerance", "@TargetVersion",
            "@Rating", "@Direction", "@Late", "@SmallCohort", "@EvaluatedAt"];

    private const string UpdateEvaluationSql = """
        UPDATE Evaluations
        SET Value = @Value, Revision = @Revision, Target = @Target, Tolerance = @Tolerance, TargetVersion = @TargetVersion,
            Rating = @Rating, Direction = @Direction, Late = @Late, SmallCohort = @SmallCohort, EvaluatedAt = @EvaluatedAt
        WHERE Id = @Id
        """;

    private readonly List<NewEvaluation> inserts = [];

    public async Task WriteEvaluationAsync(long measureId, long? id, PeriodRating rating)
    {
        EvaluationsWritten++;
        if (id is null)
        {
            inserts.Add(new NewEvaluation(measureId, rating.Period.ToString(), rating.Period.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                rating.Value, rating.Revision, rating.Target, rating.Tolerance, rating.TargetVersion, rating.Rating.ToString(),
                rating.Direction?.ToString(), rating.Late, rating.SmallCohort));
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

    /// <summary>Writes the new ratings and escalation events collected so far, and the emails of the events that are news.</summary>
    public async Task FlushAsync()
    {
        if (events.Count > 0)
        {
            var ids = (await Connection.QueryAsync<(long Id, long EscalationId, string Type, string Period)>(new CommandDefinition(
                dialect[InsertEventsSql], new
                {
                    Rows = JsonSerializer.Serialize(events),
                    Actor = ContractEvaluator.Actor,
                    At = now,
                }, transaction, cancellationToken: cancellationToken)))
                // An escalation changes once per period, so the key is unique; grouping keeps a broken
                // invariant from failing every evaluation of the contract from then on.
                .GroupBy(e => (e.EscalationId, e.Type, e.Period))
                .ToDictionary(g => g.Key, g => g.Max(e => e.Id));
            var emailed = news.Select(n => new EmailedEvent(ids[(n.EscalationId, n.Type, n.Period)], n.EscalationId, n.Level)).ToList();
            NotificationsWritten += await EscalationOutbox.WriteAsync(transaction, contractId, emailed, now, cancellationToken);
            events.Clear();
            news.Clear();
        }

        if (inserts.Count > 0)
        {
            if (dialect.Provider == DatabaseProvider.Sqlite)
            {
                SqlitePreparedRows.Insert(transaction, dialect[InsertEvaluationsSql], InsertEvaluationParameters, inserts, e =>
                    [e.MeasureId, e.Period, e.PeriodStart, e.Value, e.Revision, e.Target, e.Tolerance, e.TargetVersion,
                        e.Rating, e.Direction, e.Late, e.SmallCohort, SqliteNow]);
            }
            else
            {
                await Connection.ExecuteAsync(new CommandDefinition(dialect[InsertEvaluationsSql], new
                {
                    Rows = JsonSerializer.Serialize(inserts),
                    EvaluatedAt = now,
                }, transaction, cancellationToken: cancellationToken));
            }

            inserts.Clear();
        }
    }

    private sealed record NewEvaluation(
        [property: JsonPropertyName("m")] long MeasureId,
        [property: JsonPropertyName("p")] string Period,
        [property: JsonPropertyName("s")] string PeriodStart,
        [property: JsonPropertyName("v")] decimal? Value,
        [property: JsonPropertyName("r")] int? Revision,
        [property: JsonPropertyName("t")] decimal? Target,
        [property: JsonPropertyName("l")] decimal? Tolerance,
        [property: JsonPropertyName("tv")] int? TargetVersion,
        [property: JsonPropertyName("g")] string Rating,
        [property: JsonPropertyName("d")] string? Direction,
        [property: JsonPropertyName("late")] bool Late,
        [property: JsonPropertyName("sc")] bool SmallCohort);

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

    private static readonly DialectSql InsertEventsSql = new(
        SqlServer: """
            INSERT INTO EscalationEvents (EscalationId, Type, Period, Level, Note, Actor, ActorOrg, OccurredAt)
            OUTPUT INSERTED.Id, INSERTED.EscalationId, INSERTED.Type, INSERTED.Period
            SELECT j.EscalationId, j.Type, j.Period, j.Level, j.Note, @Actor, NULL, @At
            FROM OPENJSON(@Rows) WITH (
                EscalationId bigint '$.EscalationId', Type varchar(16) '$.Type', Period varchar(10) '$.Period', Level int '$.Level',
                Note nvarchar(4000) '$.Note', Seq int '$.Seq') AS j
            ORDER BY j.Seq
            """,
        Sqlite: """
            INSERT INTO EscalationEvents (EscalationId, Type, Period, Level, Note, Actor, ActorOrg, OccurredAt)
            SELECT j.value ->> '$.EscalationId', j.value ->> '$.Type', j.value ->> '$.Period',
                j.value ->> '$.Level', j.value ->> '$.Note', @Actor, NULL, @At
            FROM json_each(@Rows) AS j
            ORDER BY j.key
            RETURNING Id, EscalationId, Type, Period
            """);

    private readonly List<NewEvent> events = [];

    // The one event per escalation that this run emails (NotificationRules.NewsOf).
    private readonly List<NewEvent> news = [];

    // Seq keeps the events in the order they happened: identities follow it.
    private sealed record NewEvent(int Seq, long EscalationId, string Type, string Period, int Level, string? Note);

    /// <param name="firstEvaluation">The measure had no stored rating before this run.</param>
    public async Task ApplyAsync(long measureId, EscalationReason reason, EscalationChange change, bool firstEvaluation)
    {
        switch (change)
        {
            case Create create:
                var episode = create.Episode;
                var id = await InsertEscalationAsync(measureId, reason, episode);
                EscalationsWritten++;
                AddEvents(id, episode.Events, history: firstEvaluation && episode.IsResolved);
                break;
            case Advance advance:
                await UpdateAsync(advance.Escalation.Id, advance.State.Level, advance.State.Status, advance.State.Period.ToString());
                AddEvents(advance.Escalation.Id, advance.Events, history: false);
                break;
            case Supersede supersede:
                var stored = supersede.Escalation;
                await UpdateAsync(stored.Id, stored.Level, EscalationStatus.Resolved, stored.LastPeriod.ToString());
                news.Add(AddEvent(stored.Id, EscalationEventType.Resolved, supersede.Period.ToString(), stored.Level, supersede.Note));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown escalation change.");
        }
    }

    // A full evaluation opens tens of thousands of escalations, a few dozen per contract. On SQLite
    // they go through one statement prepared at the contract's first (SqlitePreparedStatement);
    // SQL Server keeps Dapper, whose cost there is the round trip either way.
    private SqlitePreparedStatement? insertEscalation;

    private static readonly string[] InsertEscalationParameters =
        ["@ContractId", "@MeasureId", "@Reason", "@Level", "@Status", "@OpenedPeriod", "@LastPeriod", "@At", "@ResolvedAt"];

    private async Task<long> InsertEscalationAsync(long measureId, EscalationReason reason, EscalationEpisode episode)
    {
        if (dialect.Provider == DatabaseProvider.Sqlite)
        {
            insertEscalation ??= new SqlitePreparedStatement(transaction, dialect[InsertEscalationSql], InsertEscalationParameters);
            return Convert.ToInt64(insertEscalation.Scalar(
                [contractId, measureId, reason.ToString(), episode.Last.Level, episode.Last.Status.ToString(), episode.OpenedPeriod.ToString(),
                    episode.Last.Period.ToString(), SqliteNow, episode.IsResolved ? SqliteNow : null]), CultureInfo.InvariantCulture);
        }

        return await Connection.ExecuteScalarAsync<long>(new CommandDefinition(dialect[InsertEscalationSql], new
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
    }

    public void Dispose() => insertEscalation?.Dispose();

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

    // Events wait for the flush, as new ratings do: one statement per contract.
    private void AddEvents(long escalationId, IEnumerable<EpisodeEvent> added, bool history)
    {
        var written = added.Select(e => AddEvent(escalationId, e.Type, e.Period.ToString(), e.Level, null)).ToList();
        if (NotificationRules.NewsOf(written, e => Enum.Parse<EscalationEventType>(e.Type), history) is { } emailed)
        {
            news.Add(emailed);
        }
    }

    private NewEvent AddEvent(long escalationId, EscalationEventType type, string period, int level, string? note)
    {
        var added = new NewEvent(events.Count, escalationId, type.ToString(), period, level, note);
        events.Add(added);
        EventsWritten++;
        return added;
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
