using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Spc;

/// <summary>A rated period as SPC reads it: its figure, if any, the target it was held to, and whether its cohort was small.</summary>
internal readonly record struct SpcFigure(Period Period, decimal? Value, decimal? Target, bool SmallCohort)
{
    public static SpcFigure Of(Period period, RatedFigure figure) =>
        new(period, figure.Value, figure.Target, figure.Flags.Contains(RatingCaveat.SmallCohort));
}

/// <summary>A measure's rated periods as an XmR chart: the figures in order, the latest target, its recorded recalculations.</summary>
internal static class SpcSeries
{
    public static XmrChartResult Chart(
        Polarity polarity, IEnumerable<SpcFigure> periods, int? baseline, IReadOnlyCollection<Period> recalculateAt)
    {
        var ordered = periods.OrderBy(p => p.Period).ToList();
        var points = new List<XmrInput>(ordered.Count);
        decimal? target = null;
        foreach (var p in ordered)
        {
            if (p.Value is { } value)
            {
                points.Add(new XmrInput(p.Period, value, p.SmallCohort));
            }

            target = p.Target ?? target;
        }

        return XmrChart.Compute(points, polarity, target, baseline, recalculateAt);
    }

    /// <summary>A measure's history as its chart.</summary>
    public static XmrChartResult Chart(Measure measure, MeasureHistory history, int? baseline, IReadOnlyCollection<Period> recalculateAt) =>
        Chart(measure.Polarity, history.Periods.Select(p => SpcFigure.Of(Period.Parse(p.Period, measure.Frequency), p.Figure)), baseline,
            recalculateAt);

    /// <summary>The two icons of a measure's periods up to <paramref name="latest"/>, as the status carries them.</summary>
    public static SpcIcons Icons(
        Polarity polarity, Frequency frequency, IEnumerable<SpcFigure> periods, Period? latest, IEnumerable<SpcRecalculation> recalculations)
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
