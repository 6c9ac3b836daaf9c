using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Evaluations;

public sealed record MeasureTerms(long Id, string Code, Polarity Polarity, MeasureUnit Unit, Frequency Frequency);

public sealed record ContractTerms(DateOnly Start, DateOnly? End, int ReturnDueDays, int SmallCohort);

/// <summary>The highest revision of a figure: the one that counts.</summary>
public sealed record CurrentFigure(Period Period, int Revision, decimal Value, decimal? Denominator, bool Late);

public sealed record TargetVersion(int FinancialYear, int Version, decimal Target, decimal Tolerance);

/// <summary>The rating of one period and everything it was worked out from.</summary>
public sealed record PeriodRating(
    Period Period,
    decimal? Value,
    int? Revision,
    decimal? Target,
    decimal? Tolerance,
    int? TargetVersion,
    Rating Rating,
    Direction? Direction,
    bool Late,
    bool SmallCohort);

/// <summary>
/// A measure's whole series, rated from what is stored: pure, so the same figures, targets and
/// date always give the same ratings.
/// </summary>
public static class SeriesRules
{
    /// <summary>
    /// Every period of the contract term that can be rated on <paramref name="today"/>: those with a
    /// figure, and those whose due date has passed without one (Missing). A period before its due
    /// date with no figure is Pending and has no rating yet, so it is left out.
    /// </summary>
    public static IReadOnlyList<PeriodRating> Rate(
        MeasureTerms measure, ContractTerms contract, IReadOnlyDictionary<Period, CurrentFigure> figures,
        IReadOnlyDictionary<int, TargetVersion> targets, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(measure);
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(targets);
        var until = ContractTerm.LastDayBy(contract.End, today);
        var rated = new List<PeriodRating>();
        foreach (var period in Period.Between(measure.Frequency, contract.Start, until))
        {
            if (figures.TryGetValue(period, out var figure))
            {
                var previous = figures.TryGetValue(period.Previous(), out var before) ? before.Value : (decimal?)null;
                rated.Add(RateFigure(measure, contract, figure, previous, targets.GetValueOrDefault(period.FinancialYear.StartYear)));
            }
            else if (period.DueDate(contract.ReturnDueDays) < today)
            {
                var target = targets.GetValueOrDefault(period.FinancialYear.StartYear);
                rated.Add(new PeriodRating(period, null, null, target?.Target, target?.Tolerance, target?.Version,
                    Rating.Missing, null, false, false));
            }
        }

        return rated;
    }

    private static PeriodRating RateFigure(
        MeasureTerms measure, ContractTerms contract, CurrentFigure figure, decimal? previous, TargetVersion? target)
    {
        var rating = target is null
            ? Rating.Pending
            : RatingRules.Of(figure.Value, target.Target, target.Tolerance, measure.Polarity);
        var smallCohort = measure.Unit == MeasureUnit.Percent && figure.Denominator < contract.SmallCohort;
        return new PeriodRating(figure.Period, figure.Value, figure.Revision, target?.Target, target?.Tolerance,
            target?.Version, rating, RatingRules.DirectionOf(previous, figure.Value, measure.Polarity), figure.Late, smallCohort);
    }

    /// <summary>
    /// What each escalation reason counts as a bad period. The series stops at the first period not
    /// yet rated, so escalations only ever move forward through a complete run of periods.
    /// </summary>
    public static IEnumerable<(Period Period, bool Bad)> EscalationSeries(
        IReadOnlyList<PeriodRating> series, Period first, EscalationReason reason)
    {
        ArgumentNullException.ThrowIfNull(series);
        var expected = first;
        for (var i = 0; i < series.Count; i++, expected = expected.Next())
        {
            if (series[i].Period != expected)
            {
                yield break;
            }

            var rating = series[i];
            yield return (rating.Period, reason switch
            {
                EscalationReason.SustainedFailure => rating.Rating == Rating.Failing,
                EscalationReason.MissingReturns => rating.Rating == Rating.Missing,
                EscalationReason.SustainedDecline => rating.Direction == Direction.Declining,
                _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown escalation reason."),
            });
        }
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
