using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Evaluations;

/// <param name="Start">The first period returns are expected for: earlier periods are not rated.</param>
/// <param name="RetiredFrom">The first period no longer owed or rated, once the measure is retired (issue 20).</param>
internal sealed record MeasureTerms(
    long Id, string Code, Polarity Polarity, MeasureUnit Unit, Frequency Frequency, Period Start, Period? RetiredFrom = null)
{
    /// <summary>Whether a figure is owed, and the period rated: from the start, until it retires.</summary>
    public bool Owes(Period period) => period >= Start && (RetiredFrom is not { } retired || period < retired);
}

/// <param name="MonitoredFrom">Periods that ended before this day are history: without a figure they are NotCollected.</param>
/// <param name="ReturnDueDays">As the contract started; <see cref="PolicyChanges"/> may change it from a period.</param>
/// <param name="SmallCohort">As the contract started; <see cref="PolicyChanges"/> may change it from a period.</param>
internal sealed record ContractTerms(DateOnly Start, DateOnly? End, int ReturnDueDays, int SmallCohort, DateOnly MonitoredFrom)
{
    /// <summary>The changes of the contract's rules from a period (issue 20).</summary>
    public IReadOnlyList<PolicyChange> PolicyChanges { get; init; } = [];

    /// <summary>The days after a period's end its return is due, by the rules in force for the period.</summary>
    public int ReturnDueDaysFor(Period period) => PolicyChange.ReturnDueDays(PolicyChanges, period, ReturnDueDays);

    /// <summary>The day a period's return is due (DESIGN §3.1): after it, a period without one is Missing.</summary>
    public DateOnly DueDate(Period period) => period.DueDate(ReturnDueDaysFor(period));

    /// <summary>A period that ended before monitoring began (DESIGN §3.4, "news, not history").</summary>
    public bool IsHistory(Period period) => period.End < MonitoredFrom;

    /// <summary>A percentage of fewer than <see cref="SmallCohort"/> (DESIGN §3.6): its rating is indicative.</summary>
    public bool IsSmallCohort(MeasureUnit unit, decimal? denominator, Period period) =>
        unit == MeasureUnit.Percent
        && denominator < (PolicyChange.InForce(PolicyChanges, period.Start)?.Version.SmallCohort ?? SmallCohort);
}

internal sealed record TargetVersion(int FinancialYear, int Version, decimal Target, decimal Tolerance);

/// <summary>
/// As much of a current figure (<see cref="ReturnFigure"/>) as a rating is worked out from: the
/// evaluator reads every figure of a portfolio, so it reads no more than this.
/// </summary>
internal sealed record FigureToRate(Period Period, int Revision, decimal Value, decimal? Denominator, bool Late);

/// <summary>The rating of one period and everything it was worked out from.</summary>
internal sealed record PeriodRating(
    Period Period,
    decimal? Value,
    int? Revision,
    decimal? Target,
    decimal? Tolerance,
    int? TargetVersion,
    Rating Rating,
    Direction? Direction,
    bool Late,
    bool SmallCohort)
{
    public RatedFigure ToFigure() =>
        new(Value, Target, Tolerance, Rating, Direction, SeriesRules.FlagsOf(Late, SmallCohort, Rating, Value), Revision, TargetVersion);
}

/// <summary>
/// A measure's whole series, rated from what is stored: pure, so the same figures, targets and
/// date always give the same ratings.
/// </summary>
internal static class SeriesRules
{
    /// <summary>
    /// Every period from the measure's start, inside the contract term, that can be rated on
    /// <paramref name="today"/>: those with a figure, and those whose due date has passed without
    /// one: Missing, or NotCollected if the period is history. A period before its due date with no
    /// figure is Pending and has no rating yet, so it is left out.
    /// </summary>
    public static IReadOnlyList<PeriodRating> Rate(
        MeasureTerms measure, ContractTerms contract, IReadOnlyDictionary<Period, FigureToRate> figures,
        IReadOnlyDictionary<int, TargetVersion> targets, DateOnly today)
    {
        var until = ContractTerm.LastDayBy(contract.End, today);
        var rated = new List<PeriodRating>();
        foreach (var period in Period.Between(measure.Frequency, contract.Start, until).Where(measure.Owes))
        {
            if (figures.TryGetValue(period, out var figure))
            {
                var previous = figures.TryGetValue(period.Previous(), out var before) ? before.Value : (decimal?)null;
                rated.Add(RateFigure(measure, contract, figure, previous, targets.GetValueOrDefault(period.FinancialYear.StartYear)));
            }
            else if (contract.DueDate(period) < today)
            {
                var target = targets.GetValueOrDefault(period.FinancialYear.StartYear);
                rated.Add(new PeriodRating(period, null, null, target?.Target, target?.Tolerance, target?.Version,
                    contract.IsHistory(period) ? Rating.NotCollected : Rating.Missing, null, false, false));
            }
        }

        return rated;
    }

    private static PeriodRating RateFigure(
        MeasureTerms measure, ContractTerms contract, FigureToRate figure, decimal? previous, TargetVersion? target)
    {
        var rating = target is null
            ? Rating.Pending
            : RatingRules.Of(figure.Value, target.Target, target.Tolerance, measure.Polarity);
        var smallCohort = contract.IsSmallCohort(measure.Unit, figure.Denominator, figure.Period);
        return new PeriodRating(figure.Period, figure.Value, figure.Revision, target?.Target, target?.Tolerance,
            target?.Version, rating, RatingRules.DirectionOf(previous, figure.Value, measure.Polarity), figure.Late, smallCohort);
    }

    /// <summary>
    /// What each period says to one escalation reason (DESIGN §3.4). A period the series leaves out
    /// (not yet due, no figure) is a gap like any other: it neither raises nor resolves.
    /// </summary>
    public static IEnumerable<(Period Period, Signal Signal)> EscalationSeries(IReadOnlyList<PeriodRating> series, EscalationReason reason)
    {
        return series.Select(rating => (rating.Period, SignalOf(rating, reason)));
    }

    public static Signal SignalOf(PeriodRating rating, EscalationReason reason)
    {
        return reason switch
        {
            EscalationReason.SustainedFailure => rating.Rating switch
            {
                Rating.Failing => Signal.Bad,
                Rating.OnTarget or Rating.WithinTolerance => Signal.Good,
                _ => Signal.Gap, // Missing, NotCollected, or a figure without a target
            },
            EscalationReason.MissingReturns => rating.Rating switch
            {
                Rating.Missing => Signal.Bad,
                Rating.NotCollected => Signal.Gap,
                _ => Signal.Good, // a figure arrived, rated or not
            },
            EscalationReason.SustainedDecline => rating.Direction switch
            {
                Direction.Declining => Signal.Bad,
                Direction.Improving or Direction.Unchanged => Signal.Good,
                _ => Signal.Gap, // no figure the period before: nothing to compare
            },
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a reason one period decides on its own."),
        };
    }

    public static IReadOnlyList<RatingCaveat> FlagsOf(bool late, bool smallCohort, Rating rating, decimal? value)
    {
        var flags = new List<RatingCaveat>(2);
        if (late)
        {
            flags.Add(RatingCaveat.Late);
        }

        if (smallCohort)
        {
            flags.Add(RatingCaveat.SmallCohort);
        }

        if (rating == Rating.Pending && value is not null)
        {
            flags.Add(RatingCaveat.NoTarget);
        }

        return flags;
    }
}
