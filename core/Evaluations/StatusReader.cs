using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Spc;
using Dapper;
using Microsoft.Extensions.Caching.Memory;

namespace ContractMonitor.Core.Evaluations;

/// <summary>
/// Where measures stand, read two ways (DESIGN §5). What is known now is read from the stored
/// ratings: a period with none is Pending, not yet due or not yet evaluated. What was known at an
/// earlier instant is worked out again from the figures, targets and escalation events recorded by
/// then (<see cref="PastKnowledge"/>).
/// </summary>
internal sealed class StatusReader(Database database, MeasureStore measures, EscalationStore escalations, Spc.SpcRecalculationStore recalculations)
    : IDisposable
{
    // Standings kept by (contract, read version, asOf): a version moves in the transaction that
    // changes what they show, so a kept one is never stale for a contract read after that commit.
    private readonly MemoryCache kept = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    private const string SelectEvaluationsSql = """
        SELECT e.MeasureId, e.Period, e.Value, e.Revision, e.Target, e.Tolerance, e.TargetVersion, e.Rating, e.Direction,
               e.Late, e.SmallCohort
        FROM Evaluations e
        """;

    private const string OpenEscalationsSql = """
        SELECT e.Id, e.MeasureId, e.Reason, e.Level, e.Status, e.LastPeriod, l.Name AS LevelName
        FROM Escalations e
        LEFT JOIN EscalationLevels l ON l.ContractId = e.ContractId AND l.Level = e.Level
        WHERE e.ContractId = @ContractId AND e.ResolvedAt IS NULL
        """;

    // Each frequency's latest period is asked for at once: a period's text names its frequency, so
    // each measure can only meet the one of its own.
    private const string LatestRatingsSql = """
        SELECT m.Id, m.Code, m.Title, m.Frequency, m.Polarity, m.RetiredFrom,
               e.Period, e.Value, e.Revision, e.Target, e.Tolerance, e.TargetVersion, e.Rating, e.Direction, e.Late, e.SmallCohort
        FROM Measures m
        LEFT JOIN Evaluations e ON e.MeasureId = m.Id AND e.Period IN @Periods
        WHERE m.ContractId = @ContractId
        ORDER BY m.Code
        """;

    // Every rated period up to the date, for each measure's SPC icons (issue 19); a missing one too,
    // since it may carry the latest target. Worked out here, on a read kept per read version, rather
    // than stored by the evaluation (docs/benchmarks.md has the cost).
    private const string SeriesSql = """
        SELECT e.MeasureId, e.Period, e.Value, e.Target, e.SmallCohort
        FROM Evaluations e
        JOIN Measures m ON m.Id = e.MeasureId
        WHERE m.ContractId = @ContractId AND e.PeriodStart <= @AsOf
        """;

    private const string StatusSql = LatestRatingsSql + ";\n" + OpenEscalationsSql + ";\n" + SeriesSql + ";\n"
        + SpcRecalculationStore.CurrentSql;

    /// <summary>
    /// Each measure's latest period ending on or before <paramref name="asOf"/>, with every
    /// escalation of it still open, as known now or, with <paramref name="knownAt"/>, as known then.
    /// What is known now is kept in memory under <see cref="Contract.ReadVersion"/>, so pass a
    /// contract read for the request at hand.
    /// </summary>
    public async Task<ContractStanding> StatusAsync(
        Contract contract, DateOnly asOf, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        if (knownAt is { } at)
        {
            var recorded = (await measures.ListAsync(contract.Id, cancellationToken)).Select(m => m.AsKnownAt(at)).ToList();
            var past = await PastKnowledge.LoadAsync(database, escalations, contract, at, cancellationToken);
            var recalculated = await recalculations.ListAsync(contract.Id, at, cancellationToken);
            return new ContractStanding(asOf, recorded.Where(past.Knows)
                .Where(m => StillOwed(m.RetiredFrom, LatestEnded(m.Frequency, contract, asOf))).Select(measure =>
            {
                var period = LatestEnded(measure.Frequency, contract, asOf);
                var ratings = past.Rate(measure);
                var rated = period is { } p ? ratings.GetValueOrDefault(p) : null;
                return new MeasureStanding(measure.Code, measure.Title, period?.ToString(), rated?.ToFigure() ?? RatedFigure.Pending,
                    past.OpenFor(measure.Code),
                    SpcSeries.Icons(measure.Polarity, measure.Frequency, ratings.Select(r => SpcFigure.Of(r.Key, r.Value.ToFigure())), period,
                        recalculated[measure.Id]));
            }).ToList());
        }

        return (await kept.GetOrCreateAsync((contract.Id, contract.ReadVersion, asOf), entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromMinutes(10);
            return ReadStoredAsync(contract, asOf, cancellationToken);
        }))!;
    }

    private async Task<ContractStanding> ReadStoredAsync(Contract contract, DateOnly asOf, CancellationToken cancellationToken)
    {
        // The read most pages call: the measures, their latest ratings and open escalations come back
        // from one command. Each frequency has one latest period, so all three are asked for at once.
        var latest = Enum.GetValues<Frequency>().ToDictionary(f => f, f => LatestEnded(f, contract, asOf));
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(StatusSql,
            new { ContractId = contract.Id, Periods = latest.Values.OfType<Period>().Select(p => p.ToString()).ToList(), AsOf = asOf },
            cancellationToken: cancellationToken));
        // A measure without a rating for its period has nulls from Period on, which Dapper maps to no row.
        var rows = results.Read<StandingRow, EvaluationRow, (StandingRow Measure, EvaluationRow? Rating)>(
            (measure, rating) => (measure, rating), splitOn: "Period").ToList();
        // A ladder renamed from a period (issue 20) names each escalation as the ladder stood in its last period.
        var policies = contract.PolicyChanges.Count == 0 ? null : contract.Policies;
        var open = (await results.ReadAsync<OpenEscalationRow>()).ToLookup(e => e.MeasureId, e => e.ToSummary(
            policies?.LevelName(e.Level, e.LastPeriod, asOf) ?? EscalationStore.LevelName(e.Level, e.LevelName)));
        var series = (await results.ReadAsync<SeriesRow>()).ToLookup(e => e.MeasureId);
        var recalculated = SpcRecalculationStore.ByMeasure(await results.ReadAsync<SpcRecalculationStore.Row>());

        return new ContractStanding(asOf, rows
            .Where(row => StillOwed(row.Measure.RetiredFrom is { } r ? Period.Parse(r, Enum.Parse<Frequency>(row.Measure.Frequency)) : null,
                latest[Enum.Parse<Frequency>(row.Measure.Frequency)]))
            .Select(row =>
        {
            var frequency = Enum.Parse<Frequency>(row.Measure.Frequency);
            var period = latest[frequency];
            return new MeasureStanding(
                row.Measure.Code, row.Measure.Title, period?.ToString(), row.Rating?.ToFigure() ?? RatedFigure.Pending,
                open[row.Measure.Id].OrderByDescending(e => e.Level).ThenBy(e => e.Reason).ToList(),
                SpcSeries.Icons(Enum.Parse<Polarity>(row.Measure.Polarity), frequency,
                    series[row.Measure.Id].Select(e => new SpcFigure(Period.Parse(e.Period, frequency), e.Value, e.Target, e.SmallCohort)), period,
                    recalculated[row.Measure.Id]));
        }).ToList());
    }

    public void Dispose() => kept.Dispose();

    /// <summary>The status counted: what it shows, so the two never disagree.</summary>
    public async Task<StandingCounts> SummaryAsync(
        Contract contract, DateOnly asOf, DateTimeOffset? knownAt, CancellationToken cancellationToken) =>
        Summarize(await StatusAsync(contract, asOf, knownAt, cancellationToken));

    /// <summary>Every measure once by rating, by direction where it has one, and every open escalation the status lists.</summary>
    public static StandingCounts Summarize(ContractStanding status)
    {
        int Count(Rating rating) => status.Measures.Count(m => m.Figure.Rating == rating);
        int Moving(Direction direction) => status.Measures.Count(m => m.Figure.Direction == direction);
        return new StandingCounts(status.AsOf, status.Measures.Count, Count(Rating.OnTarget), Count(Rating.WithinTolerance),
            Count(Rating.Failing), Count(Rating.Missing), Count(Rating.Pending), Moving(Direction.Improving),
            Moving(Direction.Declining), status.Measures.Sum(m => m.Escalations.Count));
    }

    private const string MeasureEvaluationsSql = SelectEvaluationsSql + """

        WHERE e.MeasureId = @MeasureId AND e.PeriodStart <= @Until
        """;

    /// <summary>
    /// Every period of the measure that overlaps <paramref name="from"/> to <paramref name="to"/>,
    /// inside the contract term and begun by the day the knowledge is of, oldest first; none before
    /// the measure's start, since nothing is owed for those. With <paramref name="knownAt"/>, rated as
    /// known then; a measure recorded later has no history then.
    /// </summary>
    public async Task<MeasureHistory> HistoryAsync(
        Contract contract, Measure measure, DateOnly? from, DateOnly? to, DateOnly today, DateTimeOffset? knownAt,
        CancellationToken cancellationToken)
    {
        var day = knownAt is { } at ? UkCalendar.DayEndedBy(at) : today;
        measure = knownAt is { } then ? measure.AsKnownAt(then) : measure;
        var end = ContractTerm.LastDayBy(contract.EndDate, day);
        var periods = Period.Between(measure.Frequency, contract.StartDate, end)
            .Where(p => measure.Owes(p) && (from is null || p.End >= from) && (to is null || p.Start <= to))
            .ToList();
        if (knownAt is { } instant)
        {
            var past = await PastKnowledge.LoadAsync(database, escalations, contract, instant, cancellationToken);
            if (!past.Knows(measure))
            {
                return new MeasureHistory(measure.Code, []);
            }

            var rated = past.Rate(measure);
            return new MeasureHistory(measure.Code, periods
                .Select(p => new PeriodStanding(p.ToString(), rated.GetValueOrDefault(p)?.ToFigure() ?? RatedFigure.Pending))
                .ToList());
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var evaluations = (await connection.QueryAsync<EvaluationRow>(new CommandDefinition(
            MeasureEvaluationsSql, new { MeasureId = measure.Id, Until = end }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Period);
        return new MeasureHistory(measure.Code, periods
            .Select(p => new PeriodStanding(p.ToString(), evaluations.GetValueOrDefault(p.ToString())?.ToFigure() ?? RatedFigure.Pending))
            .ToList());
    }

    /// <summary>
    /// The measure's quarters or years (<paramref name="grain"/>) that overlap <paramref name="from"/>
    /// to <paramref name="to"/>, rolled up from its figures as known at <paramref name="knownAt"/>
    /// (issue 18), oldest first. Rolled periods are worked out, never stored, so the read is the
    /// same whether the knowledge is of now or of the past.
    /// </summary>
    public async Task<IReadOnlyList<Rollups.RolledRating>> RolledHistoryAsync(
        Contract contract, Measure measure, Frequency grain, DateOnly? from, DateOnly? to, DateTimeOffset knownAt,
        CancellationToken cancellationToken)
    {
        var past = await PastKnowledge.LoadAsync(database, escalations, contract, knownAt, cancellationToken);
        var end = ContractTerm.LastDayBy(contract.EndDate, past.Day);
        var spans = Period.Between(grain, contract.StartDate, end)
            .Where(p => p.End >= measure.StartPeriod.Start && (measure.RetiredFrom is not { } retired || p.Start < retired.Start)
                        && (from is null || p.End >= from) && (to is null || p.Start <= to))
            .ToList();
        return past.RollUp(measure, spans);
    }

    /// <summary>
    /// A measure retired by the period a status is of is no longer monitored then: it leaves the
    /// status, the summary and the split screen of that date, and is listed as retired (issue 20).
    /// </summary>
    private static bool StillOwed(Period? retiredFrom, Period? latest) => retiredFrom is not { } retired || latest is not { } p || p < retired;

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

    private sealed record StandingRow
    {
        public long Id { get; init; }
        public string Code { get; init; } = "";
        public string Title { get; init; } = "";
        public string Frequency { get; init; } = "";
        public string Polarity { get; init; } = "";
        public string? RetiredFrom { get; init; }
    }

    private sealed record SeriesRow
    {
        public long MeasureId { get; init; }
        public string Period { get; init; } = "";
        public decimal? Value { get; init; }
        public decimal? Target { get; init; }
        public bool SmallCohort { get; init; }
    }

    private sealed record OpenEscalationRow
    {
        public long Id { get; init; }
        public long MeasureId { get; init; }
        public string Reason { get; init; } = "";
        public int Level { get; init; }
        public string Status { get; init; } = "";
        public string? LevelName { get; init; }
        public string LastPeriod { get; init; } = "";

        public OpenEscalation ToSummary(string levelName) => new(Id, Enum.Parse<EscalationReason>(Reason), Level, levelName,
            Enum.Parse<EscalationStatus>(Status));
    }
}
