using System.Data.Common;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Evaluations;

/// <summary>Why a (measure, period) must be rated again.</summary>
internal enum EvaluationReason
{
    Return,
    Target,
    DueDate,

    /// <summary>The measure's SPC recalculation periods changed: its SpecialCauseConcern signals may have (issue 19).</summary>
    Spc,
}

/// <summary>
/// The (measure, period) pairs whose rating is out of date. Marks are written in the transaction of
/// the change that caused them, so a committed return is never left unrated, whatever happens to
/// the job queue; the evaluator reads this table, not Hangfire's state.
/// </summary>
internal static class PendingEvaluations
{
    public sealed record Mark(long MeasureId, Period Period);

    private static readonly DialectSql MarkSql = new(
        SqlServer: """
            MERGE PendingEvaluations WITH (HOLDLOCK) AS t
            USING (SELECT @MeasureId AS MeasureId, @Period AS Period) AS s
               ON t.MeasureId = s.MeasureId AND t.Period = s.Period
            WHEN MATCHED THEN
                UPDATE SET Generation = t.Generation + 1, Reason = @Reason, MarkedAt = @MarkedAt
            WHEN NOT MATCHED THEN
                INSERT (MeasureId, Period, PeriodStart, Reason, Generation, MarkedAt)
                VALUES (@MeasureId, @Period, @PeriodStart, @Reason, 1, @MarkedAt);
            """,
        Sqlite: """
            INSERT INTO PendingEvaluations (MeasureId, Period, PeriodStart, Reason, Generation, MarkedAt)
            VALUES (@MeasureId, @Period, @PeriodStart, @Reason, 1, @MarkedAt)
            ON CONFLICT (MeasureId, Period) DO UPDATE
                SET Generation = PendingEvaluations.Generation + 1, Reason = excluded.Reason, MarkedAt = excluded.MarkedAt
            """);

    /// <summary>Marks each pair once; a pair already marked gets a new generation.</summary>
    public static Task MarkAsync(
        DbTransaction transaction, SqlDialect dialect, IEnumerable<Mark> marks, EvaluationReason reason,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        var rows = marks.Distinct().Select(m => new
        {
            m.MeasureId,
            Period = m.Period.ToString(),
            PeriodStart = m.Period.Start,
            Reason = reason.ToString(),
            MarkedAt = at,
        }).ToList();
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            dialect[MarkSql], rows, transaction, cancellationToken: cancellationToken));
    }
}
