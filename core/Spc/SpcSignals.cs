using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Spc;

/// <summary>
/// What each period says to a SpecialCauseConcern escalation (issue 19): read as the chart stood when
/// that period was the latest (its figures up to then, its own limits), a concern point is bad and
/// any other point good, one without limits too, since it is no longer a concern; a period without
/// a figure is a gap.
/// Each period reads only its past, so evaluating in pieces and at once agree.
/// </summary>
internal static class SpcSignals
{
    public static IEnumerable<(Period Period, Signal Signal)> Of(
        IReadOnlyList<PeriodRating> series, Polarity polarity, IReadOnlyCollection<Period> recalculateAt)
    {
        var figures = new List<XmrInput>();
        foreach (var rating in series.OrderBy(r => r.Period))
        {
            if (rating.Value is not { } value)
            {
                yield return (rating.Period, Signal.Gap);
                continue;
            }

            figures.Add(new XmrInput(rating.Period, value, rating.SmallCohort));
            var latest = XmrChart.Compute(figures, polarity, null, null, recalculateAt).Points[^1];
            yield return (rating.Period, latest.PointType == PointType.Concern ? Signal.Bad : Signal.Good);
        }
    }
}
