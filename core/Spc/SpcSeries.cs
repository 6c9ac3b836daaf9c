using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Spc;

/// <summary>A measure's rated periods as an XmR chart: the figures in order, the latest target, its recorded recalculations.</summary>
internal static class SpcSeries
{
    public static XmrChartResult Chart(
        Polarity polarity, IEnumerable<(Period Period, RatedFigure Figure)> periods, int? baseline, IReadOnlyCollection<Period> recalculateAt)
    {
        var ordered = periods.OrderBy(p => p.Period).ToList();
        var points = ordered
            .Where(p => p.Figure.Value is not null)
            .Select(p => new XmrInput(p.Period, p.Figure.Value!.Value, p.Figure.Flags.Contains(RatingCaveat.SmallCohort)))
            .ToList();
        var target = ordered.LastOrDefault(p => p.Figure.Target is not null).Figure?.Target;
        return XmrChart.Compute(points, polarity, target, baseline, recalculateAt);
    }

    /// <summary>The two icons of a measure's periods up to <paramref name="latest"/>, as the status carries them.</summary>
    public static SpcIcons Icons(
        Polarity polarity, Frequency frequency, IEnumerable<(Period Period, RatedFigure Figure)> periods, Period? latest,
        IEnumerable<SpcRecalculation> recalculations)
    {
        if (latest is not { } last)
        {
            return new SpcIcons(null, null);
        }

        var chart = Chart(polarity, periods.Where(p => p.Period <= last), null, At(frequency, recalculations));
        return new SpcIcons(chart.Variation, chart.Assurance);
    }

    public static IReadOnlyList<Period> At(Frequency frequency, IEnumerable<SpcRecalculation> recalculations) =>
        [.. recalculations.Select(r => Period.Parse(r.Period, frequency))];
}
