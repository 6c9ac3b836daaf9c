using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Evaluations;

/// <summary>
/// Marks the periods whose due date has just passed with no rating yet, so the evaluator rates
/// them Missing. It looks back <see cref="LookBack"/> rather than remembering when it last ran:
/// missed days are caught up, and anything older is rated whenever its measure is next evaluated,
/// because an evaluation always rates a measure's whole series.
/// </summary>
internal sealed class PastDueMarker(Database database, TimeProvider clock)
{
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(40);

    private const string MeasuresSql = """
        SELECT m.Id, m.ContractId, m.Frequency, m.StartPeriod, m.RetiredFrom, c.StartDate, c.EndDate, c.ReturnDueDays
        FROM Measures m JOIN Contracts c ON c.Id = m.ContractId
        """;

    private const string RatedSinceSql = """
        SELECT MeasureId, Period FROM Evaluations WHERE PeriodStart >= @Since
        UNION
        SELECT MeasureId, Period FROM PendingEvaluations WHERE PeriodStart >= @Since
        """;

    /// <summary>Marks and returns how many periods it marked.</summary>
    public async Task<int> MarkAsync(CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(clock);
        var earliestDue = today.AddDays(-(int)LookBack.TotalDays);
        await using var connection = await database.OpenAsync(cancellationToken);
        var measures = await connection.QueryAsync<MeasureRow>(new CommandDefinition(MeasuresSql, cancellationToken: cancellationToken));
        ILookup<long, PolicyChange> changes;
        await using (var results = await connection.QueryMultipleAsync(new CommandDefinition(PolicyChangeStore.AllSql, cancellationToken: cancellationToken)))
        {
            changes = await PolicyChangeStore.ReadChangesAsync(results);
        }

        var candidates = measures.SelectMany(m => NewlyPastDue(m, changes[m.ContractId].ToList(), earliestDue, today)).ToList();
        if (candidates.Count == 0)
        {
            return 0;
        }

        var since = candidates.Min(c => c.Period.Start);
        var known = (await connection.QueryAsync<(long MeasureId, string Period)>(new CommandDefinition(
            RatedSinceSql, new { Since = since }, cancellationToken: cancellationToken))).ToHashSet();
        var marks = candidates.Where(c => !known.Contains((c.MeasureId, c.Period.ToString()))).ToList();
        if (marks.Count > 0)
        {
            // Chosen as the victim against an evaluation reading the marks: all rolled back, mark again.
            await DbRetry.RunAsync(async () =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await PendingEvaluations.MarkAsync(transaction, database.Dialect, marks, EvaluationReason.DueDate,
                    clock.GetUtcNow(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }, races: 0);
        }

        return marks.Count;
    }

    private static IEnumerable<PendingEvaluations.Mark> NewlyPastDue(
        MeasureRow measure, IReadOnlyList<PolicyChange> changes, DateOnly earliestDue, DateOnly today)
    {
        var frequency = Enum.Parse<Frequency>(measure.Frequency);
        var until = ContractTerm.LastDayBy(measure.EndDate, today);
        var start = MeasureStart.Effective(measure.StartPeriod, frequency, measure.StartDate);
        return Period.Between(frequency, measure.StartDate, until)
            .Where(p => p >= start && (measure.RetiredFrom is null || p < Period.Parse(measure.RetiredFrom, frequency)))
            .Where(p => p.DueDate(PolicyChange.ReturnDueDays(changes, p, measure.ReturnDueDays)) is var due && due < today && due >= earliestDue)
            .Select(p => new PendingEvaluations.Mark(measure.Id, p));
    }

    private sealed record MeasureRow
    {
        public long Id { get; init; }
        public long ContractId { get; init; }
        public string Frequency { get; init; } = "";
        public string? StartPeriod { get; init; }
        public string? RetiredFrom { get; init; }
        public DateOnly StartDate { get; init; }
        public DateOnly? EndDate { get; init; }
        public int ReturnDueDays { get; init; }
    }
}
