using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Idempotency;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Returns;

internal enum SubmitStatus
{
    Stored,
    /// <summary>The key was used before with this request: <see cref="SubmitResult.Answer"/> is the first answer.</summary>
    Replayed,
    /// <summary>The key was used before with a different request.</summary>
    KeyReused,

    /// <summary>A row would revise a figure of a period signed off or accepted: nothing was stored (issue 20).</summary>
    Locked,

    /// <summary>The contract's term or a measure's start or retirement changed after the rows were checked: nothing was stored.</summary>
    Changed,
}

/// <param name="Stored">The revisions the batch stored, when it was stored.</param>
/// <param name="Earlier">The first answer to the key, when the batch is a repeat.</param>
/// <param name="Locked">The accepted periods the batch would have revised, with their acceptance, when it is refused for them.</param>
internal sealed record SubmitResult(
    SubmitStatus Status, IReadOnlyList<StoredReturn>? Stored, StoredAnswer? Earlier,
    IReadOnlyDictionary<string, SignOff.PeriodStep>? Locked = null)
{
    /// <summary>What the refusal of a locked batch says: who signed off or accepted each period and when, and how to go on.</summary>
    public string LockedDetail => string.Join(" ", (Locked ?? new Dictionary<string, SignOff.PeriodStep>()).OrderBy(l => l.Key, StringComparer.Ordinal)
        .Select(l => l.Value.Action == ContractMonitor.Contracts.SignOff.PeriodAction.Accepted
            ? string.Create(CultureInfo.InvariantCulture,
                $"{l.Key} was accepted by {l.Value.Actor} ({l.Value.ActorOrg}) on {l.Value.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC: its figures are locked until the council reopens it.")
            : string.Create(CultureInfo.InvariantCulture,
                $"{l.Key} was signed off by {l.Value.Actor} ({l.Value.ActorOrg}) on {l.Value.OccurredAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC and waits for the council: to revise it, ask the council to query it."))
        .Append("Nothing was stored."));

    public const string ChangedDetail =
        "The contract's term, or a measure's start or retirement, changed while this batch was being checked. Nothing was stored: send it again.";

    /// <summary>What a request gets when its key already has an answer: that answer, or a refusal if the request differs.</summary>
    public static SubmitResult Repeat(StoredAnswer earlier, IdempotentRequest request)
    {
        return earlier.RequestHash == request.RequestHash
            ? new SubmitResult(SubmitStatus.Replayed, null, earlier)
            : new SubmitResult(SubmitStatus.KeyReused, null, null);
    }
}

/// <summary>
/// Returns as revisions (DESIGN §3.6): a batch is one transaction that adds a revision per row, an
/// audit row per revision, marks each (measure, period) for evaluation, and remembers the answer
/// under the caller's idempotency key.
/// </summary>
internal sealed class ReturnStore(Database database, TimeProvider clock)
{
    /// <param name="rows">Rows that have passed <see cref="ReturnRules"/>.</param>
    public async Task<SubmitResult> SubmitAsync(
        Contract contract, Caller caller, IReadOnlyList<CheckedReturn> rows, IdempotentRequest? idempotency,
        CancellationToken cancellationToken)
    {
        var keyHash = idempotency is null ? null : IdempotencyKeys.HashOf(caller, idempotency.Key);
        // Batches for the same (measure, period) can meet on SQL Server, where the revision is read
        // under READ COMMITTED: a loser breaks the unique revision key (the next attempt reads the new
        // revision) or the idempotency key (it replays the winner's answer), or is a deadlock victim.
        // Several writers of one figure win one per round, so every attempt may race.
        return await DbRetry.RunAsync(() => TrySubmitAsync(contract, caller, rows, idempotency, keyHash, cancellationToken),
            races: DbRetry.MaxAttempts - 1);
    }

    private async Task<SubmitResult> TrySubmitAsync(
        Contract contract, Caller caller, IReadOnlyList<CheckedReturn> rows, IdempotentRequest? idempotency,
        string? keyHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (idempotency is not null && keyHash is not null)
        {
            if (await IdempotencyKeys.FindAsync(connection, transaction, keyHash, cancellationToken) is { } answer)
            {
                return SubmitResult.Repeat(answer, idempotency);
            }

            await IdempotencyKeys.ReserveAsync(transaction, caller, keyHash, idempotency.RequestHash, now, cancellationToken);
        }

        var current = await PreviousFiguresAsync(transaction, contract.Id, rows, cancellationToken);
        var terms = contract.Terms;
        var revisions = rows.Select(row =>
        {
            var period = row.Period.ToString();
            current.TryGetValue((row.Measure.Id, period), out var previous);
            if (previous is not null && ReturnRules.Repeats(row, previous))
            {
                return (Row: row, Previous: previous, Stored: ToStored(previous, contract) with { Unchanged = true });
            }

            var dueDate = terms.DueDate(row.Period);
            var stored = new StoredReturn(
                row.Measure.Code, period, row.Value, row.Numerator, row.Denominator, row.Commentary,
                (previous?.Revision ?? 0) + 1, ReturnRules.IsLate(now, dueDate), terms.IsSmallCohort(row.Measure.Unit, row.Denominator, row.Period),
                dueDate, caller.Name, caller.Org, now);
            return (Row: row, Previous: previous, Stored: stored);
        }).ToList();

        // Rows are written in key order whatever the batch's order, so two batches that overlap take
        // their locks in the same order and do not deadlock each other on SQL Server. A row that
        // repeats the figure that counts writes nothing: no revision, no audit row, no mark.
        var inKeyOrder = revisions.Where(r => !r.Stored.Unchanged)
            .OrderBy(r => r.Row.Measure.Id).ThenBy(r => r.Row.Period.Start).ToList();
        if (inKeyOrder.Count > 0)
        {
            // The contract's row first, as a period's sign-off step takes it first: a batch and an
            // acceptance of its period are then one after the other, never both on the state before.
            await connection.ExecuteAsync(new CommandDefinition(ContractStore.HoldSql, new { ContractId = contract.Id }, transaction,
                cancellationToken: cancellationToken));
            // The rows were checked against the term and the measures read before this transaction: a
            // change to either that committed since is seen now, under the lock, and the batch goes back.
            var owed = (await connection.QueryAsync<OwedRow>(new CommandDefinition(OwedSql, new { ContractId = contract.Id }, transaction,
                cancellationToken: cancellationToken))).ToDictionary(o => o.Id);
            if (inKeyOrder.Any(r => !owed.TryGetValue(r.Row.Measure.Id, out var o) || !o.Owes(r.Row.Period)))
            {
                return new SubmitResult(SubmitStatus.Changed, null, null);
            }

            var locked = await SignOff.PeriodSignOffStore.InStatesAsync(transaction, contract.Id,
                inKeyOrder.Select(r => r.Stored.Period).Distinct().ToList(), cancellationToken,
                ContractMonitor.Contracts.SignOff.PeriodDataState.Accepted, ContractMonitor.Contracts.SignOff.PeriodDataState.SignedOff);
            if (locked.Count > 0)
            {
                return new SubmitResult(SubmitStatus.Locked, null, null, locked);
            }
        }

        // One statement per table on SQL Server (a 1,000-row batch was some 3,000 round trips in one
        // transaction, issue 22 item 8); one prepared statement per row on SQLite, in process.
        await BulkInsert.InsertAsync(transaction, database.Dialect, Revisions, inKeyOrder, r => [
            r.Row.Measure.Id, r.Stored.Period, r.Row.Period.Start, r.Stored.Revision, r.Stored.Value, r.Stored.Numerator,
            r.Stored.Denominator, r.Stored.Commentary, r.Stored.Late, r.Stored.SubmittedBy, r.Stored.SubmittedByOrg,
        ], now, cancellationToken);
        await AuditLog.WriteAsync(transaction, database.Dialect, caller, now, inKeyOrder.Select(r => new AuditEntry(
            "return.submitted", "Return",
            string.Create(CultureInfo.InvariantCulture, $"{r.Stored.MeasureCode}/{r.Stored.Period}/r{r.Stored.Revision}"),
            contract.Id, r.Previous?.AuditedBefore(), r.Stored)).ToList(), cancellationToken);

        await PendingEvaluations.MarkAsync(transaction, database.Dialect,
            inKeyOrder.Select(r => new PendingEvaluations.Mark(r.Row.Measure.Id, r.Row.Period)), EvaluationReason.Return, now, cancellationToken);

        var written = revisions.Select(r => r.Stored).ToList();
        if (idempotency is not null && keyHash is not null)
        {
            await IdempotencyKeys.CompleteAsync(transaction, keyHash, idempotency, new { Returns = written }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SubmitResult(SubmitStatus.Stored, written, null);
    }

    private const string OwedSql = """
        SELECT m.Id, m.Frequency, m.StartPeriod, m.RetiredFrom, c.StartDate, c.EndDate
        FROM Measures m JOIN Contracts c ON c.Id = m.ContractId
        WHERE m.ContractId = @ContractId
        """;

    private sealed record OwedRow
    {
        public long Id { get; init; }
        public string Frequency { get; init; } = "";
        public string? StartPeriod { get; init; }
        public string? RetiredFrom { get; init; }
        public DateOnly StartDate { get; init; }
        public DateOnly? EndDate { get; init; }

        public bool Owes(Period period)
        {
            var frequency = Enum.Parse<Frequency>(Frequency);
            return period.Overlaps(StartDate, EndDate) && period >= MeasureStart.Effective(StartPeriod, frequency, StartDate)
                && (RetiredFrom is null || period < Period.Parse(RetiredFrom, frequency));
        }
    }

    /// <summary>
    /// The one way "the revision that counts" is written, for a query over <c>Returns r</c>: no
    /// higher revision exists for its measure and period (the unique key makes that an index probe).
    /// With <c>@KnownAt</c> set it is the revision that counted then: the latest received before it.
    /// Every query that uses it binds <c>@KnownAt</c>, null for now.
    /// </summary>
    internal const string CurrentRevisionCondition = """
        (@KnownAt IS NULL OR r.SubmittedAt < @KnownAt)
        AND NOT EXISTS (SELECT 1 FROM Returns n WHERE n.MeasureId = r.MeasureId AND n.Period = r.Period AND n.Revision > r.Revision
                        AND (@KnownAt IS NULL OR n.SubmittedAt < @KnownAt))
        """;

    private const string CurrentFiguresSql = """
        SELECT r.MeasureId, m.Code AS MeasureCode, m.Unit, m.Frequency, r.Period, r.Revision, r.Value, r.Numerator, r.Denominator,
               r.Commentary, r.Late, r.SubmittedBy, r.SubmittedByOrg, r.SubmittedAt
        FROM Returns r
        INNER JOIN Measures m ON m.Id = r.MeasureId
        WHERE m.ContractId = @ContractId
          AND (@MeasureId IS NULL OR r.MeasureId = @MeasureId)
          AND (@From IS NULL OR r.PeriodStart >= @From)
          AND (@To IS NULL OR r.PeriodStart <= @To)
          AND
        """ + " " + CurrentRevisionCondition + " ORDER BY m.Code, r.PeriodStart";

    /// <summary>
    /// The figure that counts for each measure and period the query names, by measure code then
    /// period, in the database's own order of codes (SQL Server's collation is not ordinal).
    /// </summary>
    internal static async Task<IReadOnlyList<ReturnFigure>> CurrentFiguresAsync(
        DbConnection connection, DbTransaction? transaction, CurrentFigureQuery query, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<FigureRow>(new CommandDefinition(CurrentFiguresSql, query, transaction, cancellationToken: cancellationToken)))
            .Select(r => r.ToFigure()).ToList();

    /// <summary>The figures the batch revises, read over the batch's span of periods.</summary>
    private static async Task<Dictionary<(long MeasureId, string Period), ReturnFigure>> PreviousFiguresAsync(
        DbTransaction transaction, long contractId, IReadOnlyList<CheckedReturn> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var figures = await CurrentFiguresAsync(transaction.Connection!, transaction,
            new CurrentFigureQuery(contractId, From: rows.Min(r => r.Period.Start), To: rows.Max(r => r.Period.Start)), cancellationToken);
        return figures.ToDictionary(f => (f.MeasureId, f.Period.ToString()));
    }

    // In key order (the rows' order, by Seq), so identities follow it as the row-by-row insert did.
    private static readonly BulkRows Revisions = new(new DialectSql(
        SqlServer: """
            INSERT INTO Returns (MeasureId, Period, PeriodStart, Revision, Value, Numerator, Denominator, Commentary, Late,
                SubmittedBy, SubmittedByOrg, SubmittedAt)
            SELECT j.MeasureId, j.Period, j.PeriodStart, j.Revision, j.Value, j.Numerator, j.Denominator, j.Commentary, j.Late,
                j.SubmittedBy, j.SubmittedByOrg, @At
            FROM OPENJSON(@Rows) WITH (
                Seq int '$[0]', MeasureId bigint '$[1]', Period varchar(10) '$[2]', PeriodStart date '$[3]', Revision int '$[4]',
                Value decimal(19, 6) '$[5]', Numerator decimal(19, 6) '$[6]', Denominator decimal(19, 6) '$[7]',
                Commentary nvarchar(4000) '$[8]', Late bit '$[9]', SubmittedBy nvarchar(200) '$[10]', SubmittedByOrg nvarchar(64) '$[11]') AS j
            ORDER BY j.Seq
            """,
        Sqlite: """
            INSERT INTO Returns (MeasureId, Period, PeriodStart, Revision, Value, Numerator, Denominator, Commentary, Late,
                SubmittedBy, SubmittedByOrg, SubmittedAt)
            VALUES (@MeasureId, @Period, @PeriodStart, @Revision, @Value, @Numerator, @Denominator, @Commentary, @Late,
                @SubmittedBy, @SubmittedByOrg, @At)
            """),
        ["@MeasureId", "@Period", "@PeriodStart", "@Revision", "@Value", "@Numerator", "@Denominator", "@Commentary", "@Late",
            "@SubmittedBy", "@SubmittedByOrg"]);

    // The field's name ends in Sql so that the statement checks find it (AppStatements).
    private static readonly DialectSql InsertSql = Revisions.Sql;

    /// <summary>The figure that counts for each measure and period, by measure code then period.</summary>
    /// <param name="period">One period; null for every period.</param>
    /// <param name="measure">One measure; null for every measure.</param>
    public async Task<IReadOnlyList<StoredReturn>> ListCurrentAsync(
        Contract contract, Measure? measure, Period? period, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var figures = await CurrentFiguresAsync(connection, null,
            new CurrentFigureQuery(contract.Id, measure?.Id, period?.Start, period?.Start), cancellationToken);
        return figures.Where(f => period is null || f.Period == period).Select(f => ToStored(f, contract)).ToList();
    }

    private const string RevisionsSql = """
        SELECT r.MeasureId, m.Code AS MeasureCode, m.Unit, m.Frequency, r.Period, r.Revision, r.Value, r.Numerator, r.Denominator,
               r.Commentary, r.Late, r.SubmittedBy, r.SubmittedByOrg, r.SubmittedAt
        FROM Returns r
        INNER JOIN Measures m ON m.Id = r.MeasureId
        WHERE r.MeasureId = @MeasureId AND r.Period = @Period
        ORDER BY r.Revision
        """;

    /// <summary>Every revision of one figure, or null when none was ever sent.</summary>
    public async Task<ReturnRevisions?> HistoryAsync(
        Contract contract, Measure measure, Period period, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var revisions = (await connection.QueryAsync<FigureRow>(new CommandDefinition(RevisionsSql, new
        {
            MeasureId = measure.Id,
            Period = period.ToString(),
        }, cancellationToken: cancellationToken))).Select(r => ToStored(r.ToFigure(), contract)).ToList();
        return revisions.Count == 0
            ? null
            : new ReturnRevisions(measure.Code, period.ToString(), contract.Terms.DueDate(period), revisions[^1], revisions);
    }

    /// <summary>The revision that counts now for a measure and period, or null when none has been sent.</summary>
    internal static async Task<int?> CurrentRevisionAsync(
        DbTransaction transaction, Contract contract, Measure measure, Period period, CancellationToken cancellationToken) =>
        (await CurrentFiguresAsync(transaction.Connection!, transaction,
            new CurrentFigureQuery(contract.Id, measure.Id, period.Start, period.Start), cancellationToken))
        .FirstOrDefault(f => f.Period == period)?.Revision;

    /// <summary>
    /// The fingerprint an idempotency key is bound to: the contract and the rows as they will be
    /// read, so the same batch sent as JSON or CSV, or with <c>61.50</c> for <c>61.5</c>, is the same request.
    /// </summary>
    public static string RequestHash(long contractId, IReadOnlyList<ReturnRowRequest?> rows)
    {
        var canonical = rows.Select(r => r is null ? null : r with
        {
            MeasureCode = r.MeasureCode is null ? null : MeasureStore.NormaliseCode(r.MeasureCode),
            Period = r.Period?.Trim(),
            Value = Decimals.WithoutTrailingZeros(r.Value),
            Numerator = Decimals.WithoutTrailingZeros(r.Numerator),
            Denominator = Decimals.WithoutTrailingZeros(r.Denominator),
            Commentary = string.IsNullOrWhiteSpace(r.Commentary) ? null : r.Commentary.Trim(),
        });
        return IdempotencyKeys.Sha256(string.Create(CultureInfo.InvariantCulture,
            $"returns\n{contractId}\n{JsonSerializer.Serialize(canonical, JsonDefaults.Web)}"));
    }

    private static StoredReturn ToStored(ReturnFigure f, Contract contract) => new(
        f.MeasureCode, f.Period.ToString(), f.Value, f.Numerator, f.Denominator, f.Commentary, f.Revision,
        ReturnRules.IsLate(f.SubmittedAt, contract.Terms.DueDate(f.Period)),
        contract.Terms.IsSmallCohort(f.Unit, f.Denominator, f.Period), contract.Terms.DueDate(f.Period), f.SubmittedBy, f.SubmittedByOrg, f.SubmittedAt);

    private sealed record FigureRow
    {
        public long MeasureId { get; init; }
        public string MeasureCode { get; init; } = "";
        public string Unit { get; init; } = "";
        public string Frequency { get; init; } = "";
        public string Period { get; init; } = "";
        public int Revision { get; init; }
        public decimal Value { get; init; }
        public decimal? Numerator { get; init; }
        public decimal? Denominator { get; init; }
        public string? Commentary { get; init; }
        public bool Late { get; init; }
        public string SubmittedBy { get; init; } = "";
        public string SubmittedByOrg { get; init; } = "";
        public DateTimeOffset SubmittedAt { get; init; }

        public ReturnFigure ToFigure() => new(
            MeasureId, MeasureCode, Enum.Parse<MeasureUnit>(Unit), Periods.Period.Parse(Period, Enum.Parse<Frequency>(Frequency)),
            Revision, Value, Numerator, Denominator, Commentary, Late, SubmittedBy, SubmittedByOrg, SubmittedAt);
    }
}
