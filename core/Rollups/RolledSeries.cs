using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Rollups;

/// <summary>A rolled-up period and its rating against the target for its financial year.</summary>
internal sealed record RolledRating(RolledFigure Figure, RatedFigure Rated)
{
    /// <summary>Read with care: incomplete, or a small cohort.</summary>
    public bool Indicative => Rated.Flags.Contains(RatingCaveat.Incomplete) || Rated.Flags.Contains(RatingCaveat.SmallCohort);
}

/// <summary>
/// A measure's quarters or years, worked out from its monthly (or quarterly) figures and rated
/// against the target for that year (issue 18). Pure, like <see cref="SeriesRules"/>.
/// </summary>
internal static class RolledSeries
{
    /// <summary>
    /// Each span rolled up and rated as on <paramref name="today"/>. The parts owed are those inside
    /// the contract term from the measure's start, ended or not, so a quarter still running is
    /// incomplete rather than complete on its first month. A span with no figure is NotCollected if
    /// all its parts are history, Pending while any is not yet due, and Missing after.
    /// </summary>
    public static IReadOnlyList<RolledRating> Rate(
        Measure measure, ContractTerms contract, IReadOnlyDictionary<Period, FigureToRate> figures,
        IReadOnlyDictionary<int, TargetVersion> targets, DateOnly today, IReadOnlyList<Period> spans)
    {
        var rated = new List<RolledRating>(spans.Count);
        RolledFigure? before = null;
        foreach (var span in spans)
        {
            var owed = Owed(measure, contract, span);
            var figure = RollupRules.Roll(span, measure.ChosenRollup, measure.Unit, measure.Decimals, owed, figures);
            // Spans usually come in order, so the one before was rolled just now.
            var previous = (before is { } b && b.Period == span.Previous() ? b : Roll(measure, contract, figures, span.Previous())).Value;
            before = figure;
            var target = targets.GetValueOrDefault(span.FinancialYear.StartYear);
            var rating = figure.Value is not { } value
                ? owed.Count > 0 && owed.All(contract.IsHistory) ? Rating.NotCollected
                : owed.Any(p => contract.DueDate(p) >= today) || owed.Count == 0 ? Rating.Pending
                : Rating.Missing
                : target is null ? Rating.Pending : RatingRules.Of(value, target.Target, target.Tolerance, measure.Polarity);
            var direction = figure.Value is { } current ? RatingRules.DirectionOf(previous, current, measure.Polarity) : null;
            var smallCohort = contract.IsSmallCohort(measure.Unit, figure.Denominator, span);
            var flags = SeriesRules.FlagsOf(false, smallCohort, rating, figure.Value).ToList();
            if (figure.Value is not null && !figure.Complete)
            {
                flags.Add(RatingCaveat.Incomplete);
            }

            rated.Add(new RolledRating(figure,
                new RatedFigure(figure.Value, target?.Target, target?.Tolerance, rating, direction, flags, null, target?.Version)));
        }

        return rated;
    }

    private static RolledFigure Roll(Measure measure, ContractTerms contract, IReadOnlyDictionary<Period, FigureToRate> figures, Period span) =>
        RollupRules.Roll(span, measure.ChosenRollup, measure.Unit, measure.Decimals, Owed(measure, contract, span), figures);

    private static List<Period> Owed(Measure measure, ContractTerms contract, Period span)
    {
        var from = span.Start > contract.Start ? span.Start : contract.Start;
        var to = contract.End is { } end && end < span.End ? end : span.End;
        return from > to ? [] : Period.Between(measure.Frequency, from, to).Where(measure.Owes).ToList();
    }
}
