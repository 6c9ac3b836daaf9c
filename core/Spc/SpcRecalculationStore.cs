using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using Dapper;

namespace ContractMonitor.Core.Spc;

/// <summary>
/// The periods from which each measure's process is known to have changed (issue 19), so that its
/// SPC limits start again there. Recording them replaces the measure's set: the old rows are retired,
/// never deleted, so a read as known at a past time uses the set in force then. The change is
/// audited with before and after, moves the contract's read version (the status carries the icons
/// it changes) and marks the measure for evaluation (its SpecialCauseConcern signals may change).
/// </summary>
internal sealed class SpcRecalculationStore(Database database, TimeProvider clock)
{
    private const string ListSql = """
        SELECT r.MeasureId, r.Period, r.Reason
        FROM SpcRecalculations r
        JOIN Measures m ON m.Id = r.MeasureId
        WHERE m.ContractId = @ContractId
          AND (@KnownAt IS NULL OR r.RecordedAt <= @KnownAt)
          AND (r.RetiredAt IS NULL OR (@KnownAt IS NOT NULL AND r.RetiredAt > @KnownAt))
        ORDER BY r.MeasureId, r.Period
        """;

    /// <summary>Every measure's recalculation periods, by measure id, as recorded now or, with <paramref name="knownAt"/>, then.</summary>
    public async Task<ILookup<long, SpcRecalculation>> ListAsync(long contractId, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return ByMeasure(await connection.QueryAsync<Row>(new CommandDefinition(ListSql, new { ContractId = contractId, KnownAt = knownAt },
            cancellationToken: cancellationToken)));
    }

    /// <summary>
    /// The contract's recalculation periods in force now, for reads that take them in a command or
    /// transaction of their own (the status, the evaluation); rows as <see cref="Row"/>.
    /// </summary>
    internal const string CurrentSql = """
        SELECT r.MeasureId, r.Period, r.Reason
        FROM SpcRecalculations r
        JOIN Measures m ON m.Id = r.MeasureId
        WHERE m.ContractId = @ContractId AND r.RetiredAt IS NULL
        """;

    internal static ILookup<long, SpcRecalculation> ByMeasure(IEnumerable<Row> rows) =>
        rows.ToLookup(r => r.MeasureId, r => new SpcRecalculation(r.Period, r.Reason));

    private const string MeasureCurrentSql = """
        SELECT MeasureId, Period, Reason FROM SpcRecalculations WHERE MeasureId = @MeasureId AND RetiredAt IS NULL ORDER BY Period
        """;

    private const string RetireSql = "UPDATE SpcRecalculations SET RetiredAt = @At WHERE MeasureId = @MeasureId AND RetiredAt IS NULL";

    private const string InsertSql = """
        INSERT INTO SpcRecalculations (MeasureId, Period, Reason, RecordedBy, RecordedAt)
        VALUES (@MeasureId, @Period, @Reason, @RecordedBy, @RecordedAt)
        """;

    /// <summary>Replaces the measure's recalculation periods with <paramref name="recalculations"/> (already checked); the same set again writes nothing.</summary>
    public async Task<IReadOnlyList<SpcRecalculation>> ReplaceAsync(
        Contract contract, Measure measure, Caller caller, IReadOnlyList<SpcRecalculation> recalculations, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = (await connection.QueryAsync<Row>(new CommandDefinition(MeasureCurrentSql, new { MeasureId = measure.Id }, transaction,
            cancellationToken: cancellationToken))).Select(r => new SpcRecalculation(r.Period, r.Reason)).ToList();
        var after = recalculations.OrderBy(r => r.Period, StringComparer.Ordinal).ToList();
        if (before.SequenceEqual(after))
        {
            return after;
        }

        await connection.ExecuteAsync(new CommandDefinition(RetireSql, new { MeasureId = measure.Id, At = now }, transaction,
            cancellationToken: cancellationToken));
        foreach (var r in after)
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                MeasureId = measure.Id, r.Period, r.Reason, RecordedBy = caller.Name, RecordedAt = now,
            }, transaction, cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(ContractStore.TouchSql, new { ContractId = contract.Id }, transaction,
            cancellationToken: cancellationToken));
        // Where the limits start decides which points are concerns: the measure is evaluated again,
        // so that a SpecialCauseConcern escalation follows, as it follows a revised figure.
        await PendingEvaluations.MarkAsync(transaction, database.Dialect, [new PendingEvaluations.Mark(measure.Id, measure.StartPeriod)],
            EvaluationReason.Spc, now, cancellationToken);
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry("measure.spc-recalculations", "Measure",
            measure.Code, contract.Id, new { Recalculations = before }, new { Recalculations = after }), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    internal sealed record Row
    {
        public long MeasureId { get; init; }
        public string Period { get; init; } = "";
        public string Reason { get; init; } = "";
    }
}
