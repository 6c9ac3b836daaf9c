using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Evaluations;

/// <summary>
/// The stored ratings as the status, summary and history read them. A period with no stored rating
/// is Pending: not yet due, or not yet evaluated.
/// </summary>
internal sealed class StatusReader(Database database, MeasureStore measures)
{
    private const string SelectEvaluationsSql = """
        SELECT e.MeasureId, e.Period, e.Value, e.Revision, e.Target, e.Tolerance, e.TargetVersion, e.Rating, e.Direction,
               e.Late, e.SmallCohort
        FROM Evaluations e
        """;

    private const string EvaluationsSql = SelectEvaluationsSql + """

        JOIN Measures m ON m.Id = e.MeasureId
        WHERE m.ContractId = @ContractId AND e.Period IN @Periods
        """;

    private const string OpenEscalationsSql = """
        SELECT e.Id, e.MeasureId, e.Reason, e.Level, e.Status, l.Name AS LevelName
        FROM Escalations e
        LEFT JOIN EscalationLevels l ON l.ContractId = e.ContractId AND l.Level = e.Level
        WHERE e.ContractId = @ContractId AND e.ResolvedAt IS NULL
        """;

    /// <summary>Each measure's latest period ending on or before <paramref name="asOf"/>.</summary>
    public async Task<ContractStanding> StatusAsync(Contract contract, DateOnly asOf, CancellationToken cancellationToken)
    {
        return (await ReadStatusAsync(contract, asOf, cancellationToken)).Status;
    }

    /// <summary>The status and the number of unresolved escalations it was built from.</summary>
    private async Task<(ContractStanding Status, int OpenEscalations)> ReadStatusAsync(
        Contract contract, DateOnly asOf, CancellationToken cancellationToken)
    {
        var list = await measures.ListAsync(contract.Id, cancellationToken);
        var latest = list.ToDictionary(m => m.Id, m => LatestEnded(m.Frequency, contract, asOf));

        // Only each measure's latest period is read: one per frequency at most, whatever the history.
        await using var connection = await database.OpenAsync(cancellationToken);
        var periods = latest.Values.OfType<Period>().Select(p => p.ToString()).Distinct().ToList();
        var evaluations = periods.Count == 0
            ? []
            : (await connection.QueryAsync<EvaluationRow>(new CommandDefinition(
                EvaluationsSql, new { ContractId = contract.Id, Periods = periods }, cancellationToken: cancellationToken)))
            .ToDictionary(e => (e.MeasureId, e.Period));
        var escalations = (await connection.QueryAsync<OpenEscalationRow>(new CommandDefinition(
            OpenEscalationsSql, new { ContractId = contract.Id }, cancellationToken: cancellationToken)))
            .ToList();
        var byMeasure = escalations.ToLookup(e => e.MeasureId);

        var rows = list.Select(measure =>
        {
            var period = latest[measure.Id];
            var evaluation = period is { } p ? evaluations.GetValueOrDefault((measure.Id, p.ToString())) : null;
            var open = byMeasure[measure.Id]
                .Select(e => e.ToSummary())
                .OrderByDescending(e => e.Level).ThenBy(e => e.Reason)
                .ToList();
            return new MeasureStanding(measure.Code, measure.Title, period?.ToString(), evaluation?.ToFigure() ?? RatedFigure.Pending, open);
        }).ToList();
        return (new ContractStanding(asOf, rows), escalations.Count);
    }

    /// <summary>The status counted: every measure once by rating, and by direction where it has one.</summary>
    public async Task<StandingCounts> SummaryAsync(Contract contract, DateOnly asOf, CancellationToken cancellationToken)
    {
        var (status, openEscalations) = await ReadStatusAsync(contract, asOf, cancellationToken);
        return Summarize(status, openEscalations);
    }

    /// <summary>A status counted, with the number of unresolved escalations beside it.</summary>
    public static StandingCounts Summarize(ContractStanding status, int openEscalations)
    {
        int Count(Rating rating) => status.Measures.Count(m => m.Figure.Rating == rating);
        int Moving(Direction direction) => status.Measures.Count(m => m.Figure.Direction == direction);
        return new StandingCounts(status.AsOf, status.Measures.Count, Count(Rating.OnTarget), Count(Rating.WithinTolerance),
            Count(Rating.Failing), Count(Rating.Missing), Count(Rating.Pending), Moving(Direction.Improving),
            Moving(Direction.Declining), openEscalations);
    }

    private const string MeasureEvaluationsSql = SelectEvaluationsSql + """

        WHERE e.MeasureId = @MeasureId AND e.PeriodStart <= @Until
        """;

    /// <summary>
    /// Every period of the measure from <paramref name="from"/> to <paramref name="to"/> inside the
    /// contract term that has begun by <paramref name="today"/>, oldest first; none before the
    /// measure's start, since nothing is owed for those.
    /// </summary>
    public async Task<MeasureHistory> HistoryAsync(
        Contract contract, Measure measure, Period? from, Period? to, DateOnly today, CancellationToken cancellationToken)
    {
        var frequency = measure.Frequency;
        var end = ContractTerm.LastDayBy(contract.EndDate, today);
        var start = measure.StartPeriod;
        var periods = Period.Between(frequency, contract.StartDate, end)
            .Where(p => p >= start && (from is null || p >= from) && (to is null || p <= to))
            .ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        var evaluations = (await connection.QueryAsync<EvaluationRow>(new CommandDefinition(
            MeasureEvaluationsSql, new { MeasureId = measure.Id, Until = end }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Period);
        return new MeasureHistory(measure.Code, periods
            .Select(p => new PeriodStanding(p.ToString(), evaluations.GetValueOrDefault(p.ToString())?.ToFigure() ?? RatedFigure.Pending))
            .ToList());
    }

    private static Period? LatestEnded(Frequency frequency, Contract contract, DateOnly asOf)
    {
        var last = ContractTerm.LastDayBy(contract.EndDate, asOf);
        if (last < contract.StartDate)
        {
            // Before the term nothing has ended, and the period before could lie outside the calendar.
            return null;
        }

        var period = Period.Containing(frequency, last);
        if (period.End > last)
        {
            period = period.Previous();
        }

        return period.End < contract.StartDate ? null : period;
    }

    private sealed record OpenEscalationRow
    {
        public long Id { get; init; }
        public long MeasureId { get; init; }
        public string Reason { get; init; } = "";
        public int Level { get; init; }
        public string Status { get; init; } = "";
        public string? LevelName { get; init; }

        public OpenEscalation ToSummary() => new(Id, Enum.Parse<EscalationReason>(Reason), Level, EscalationStore.LevelName(Level, LevelName),
            Enum.Parse<EscalationStatus>(Status));
    }
}
