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

    /// <summary>The measure's start, retirement or the contract's term changed: which periods it owes did (issue 20).</summary>
    Terms,

    /// <summary>An agreed exception on the measure ended or expired: its escalations resume by the rules (issue 20).</summary>
    Exception,

    /// <summary>The contract's rules changed from a period: due dates, cohorts or escalation thresholds may have (issue 20).</summary>
    Policy,
}

/// <summary>
/// The (measure, period) pairs whose rating is out of date. Marks are written in the transaction of
/// the change that caused them, so a committed return is never left unrated, whatever happens to
/// the job queue; the evaluator reads this table, not Hangfire's state.
/// </summary>
internal static class PendingEvaluations
{
    public sealed record Mark(long MeasureId, Period Period);

    // SQL Server: one MERGE for the whole batch, the marks as a JSON array (a 1,000-row return batch,
    // or the daily past-due marks, was one MERGE and one round trip per mark, each holding its range
    // locks to the end of the transaction). SQLite: one prepared upsert per mark, in process.
    private static readonly BulkRows Marks = new(new DialectSql(
        SqlServer: """
            MERGE PendingEvaluations WITH (HOLDLOCK) AS t
            USING (
                SELECT j.MeasureId, j.Period, j.PeriodStart, j.Reason
                FROM OPENJSON(@Rows) WITH (MeasureId bigint '$[1]', Period varchar(16) '$[2]', PeriodStart date '$[3]', Reason varchar(32) '$[4]') AS j
            ) AS s
               ON t.MeasureId = s.MeasureId AND t.Period = s.Period
            WHEN MATCHED THEN
                UPDATE SET Generation = t.Generation + 1, Reason = s.Reason, MarkedAt = @At
            WHEN NOT MATCHED THEN
                INSERT (MeasureId, Period, PeriodStart, Reason, Generation, MarkedAt)
                VALUES (s.MeasureId, s.Period, s.PeriodStart, s.Reason, 1, @At);
            """,
        Sqlite: """
            INSERT INTO PendingEvaluations (MeasureId, Period, PeriodStart, Reason, Generation, MarkedAt)
            VALUES (@MeasureId, @Period, @PeriodStart, @Reason, 1, @At)
            ON CONFLICT (MeasureId, Period) DO UPDATE
                SET Generation = PendingEvaluations.Generation + 1, Reason = excluded.Reason, MarkedAt = excluded.MarkedAt
            """),
        ["@MeasureId", "@Period", "@PeriodStart", "@Reason"]);

    // The field's name ends in Sql so that the statement checks find it (AppStatements).
    private static readonly DialectSql MarkSql = Marks.Sql;

    private const string MeasuresSql = """
        SELECT Id, Frequency, StartPeriod FROM Measures WHERE ContractId = @ContractId
        """;

    /// <summary>
    /// Marks every measure of a contract, each at its first owed period on or after
    /// <paramref name="from"/> (from its start without one): a change to the contract's terms or rules
    /// that may move any measure's series.
    /// </summary>
    public static async Task MarkEveryMeasureAsync(
        DbTransaction transaction, SqlDialect dialect, long contractId, DateOnly contractStart, DateOnly? from, EvaluationReason reason,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        var measures = await transaction.Connection!.QueryAsync<(long Id, string Frequency, string? StartPeriod)>(new CommandDefinition(
            MeasuresSql, new { ContractId = contractId }, transaction, cancellationToken: cancellationToken));
        await MarkAsync(transaction, dialect, measures.Select(m =>
        {
            var frequency = Enum.Parse<ContractMonitor.Contracts.Measures.Frequency>(m.Frequency);
            var start = Measures.MeasureStart.Effective(m.StartPeriod, frequency, contractStart);
            if (from is not { } day)
            {
                return new Mark(m.Id, start);
            }

            var first = Period.Containing(frequency, day);
            first = first.Start < day ? first.Next() : first;
            return new Mark(m.Id, first < start ? start : first);
        }), reason, at, cancellationToken);
    }

    /// <summary>Marks each pair once; a pair already marked gets a new generation.</summary>
    public static Task MarkAsync(
        DbTransaction transaction, SqlDialect dialect, IEnumerable<Mark> marks, EvaluationReason reason,
        DateTimeOffset at, CancellationToken cancellationToken) =>
        BulkInsert.InsertAsync(transaction, dialect, Marks, marks.Distinct().ToList(),
            m => [m.MeasureId, m.Period.ToString(), m.Period.Start, reason.ToString()], at, cancellationToken);
}
