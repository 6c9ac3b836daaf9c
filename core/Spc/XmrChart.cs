using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Spc;

/// <summary>A figure on the chart: its period, its value, and whether it came from a small cohort.</summary>
internal sealed record XmrInput(Period Period, decimal Value, bool SmallCohort = false);

/// <summary>The chart worked out: every point with its segment's limits and type, the segments, the two icons, and the target assurance read.</summary>
internal sealed record XmrChartResult(
    IReadOnlyList<SpcPoint> Points, IReadOnlyList<SpcSegment> Segments, Variation? Variation, Assurance? Assurance, bool InsufficientData,
    decimal? Target);

/// <summary>
/// Statistical process control as NHS "Making Data Count" does it (issue 19): an XmR chart with
/// screened moving ranges, and the four special-cause rules in their order of precedence. Pure, so
/// every rule has a table test, and the figures agree with the NHS-R community's NHSRplotthedots
/// (R/ptd_spc_standard.R and R/ptd_calculate_point_type.R), which the reference tests check.
/// </summary>
internal static class XmrChart
{
    /// <summary>Fewer points than this in a segment give no limits.</summary>
    public const int MinimumPoints = 12;

    /// <summary>The length of a trend or a shift.</summary>
    public const int RunLength = 7;

    private const decimal Limit = 2.66m;
    private const decimal NearLimit = 2m * Limit / 3m;
    private const decimal Screen = 3.267m;

    /// <param name="baseline">Fix each segment's limits after its first N points (N ≥ 12); null uses every point.</param>
    /// <param name="recalculateAt">Periods from which the process is known to have changed: each starts a segment with its own limits.</param>
    public static XmrChartResult Compute(
        IReadOnlyList<XmrInput> series, Polarity polarity, decimal? target, int? baseline, IReadOnlyCollection<Period> recalculateAt)
    {
        var ordered = series.OrderBy(p => p.Period).ToList();
        var points = new List<SpcPoint>(ordered.Count);
        var highs = new List<bool>(ordered.Count);
        var segments = new List<SpcSegment>();
        foreach (var segment in Split(ordered, recalculateAt))
        {
            var limits = LimitsOf(segment.Select(p => p.Value).ToList(), baseline);
            segments.Add(new SpcSegment(segment[0].Period.ToString(), segment[^1].Period.ToString(), segment.Count,
                limits?.BaselinePoints ?? segment.Count, limits?.Mean, limits?.Lower, limits?.Upper));
            var types = limits is { } l ? Classify(segment.Select(p => p.Value).ToList(), l, polarity) : null;
            for (var i = 0; i < segment.Count; i++)
            {
                points.Add(new SpcPoint(segment[i].Period.ToString(), segment[i].Value, limits?.Mean, limits?.Lower, limits?.Upper,
                    types?[i].Type, types?[i].Rule, segment[i].SmallCohort));
                highs.Add(types?[i].High ?? false);
            }
        }

        var latest = segments.Count == 0 ? null : segments[^1];
        var insufficient = latest?.Mean is null;
        Variation? variation = null;
        Assurance? assurance = null;
        if (!insufficient)
        {
            var (last, high) = (points[^1], highs[^1]);
            variation = last.PointType switch
            {
                PointType.Improvement => high ? Variation.ImprovementHigh : Variation.ImprovementLow,
                PointType.Concern => high ? Variation.ConcernHigh : Variation.ConcernLow,
                _ => Variation.CommonCause,
            };
            assurance = target is { } t ? AssuranceOf(t, latest!.LowerLimit!.Value, latest.UpperLimit!.Value, polarity) : null;
        }

        return new XmrChartResult(points, segments, variation, assurance, insufficient, target);
    }

    private static Assurance AssuranceOf(decimal target, decimal lower, decimal upper, Polarity polarity)
    {
        var higherIsBetter = polarity == Polarity.HigherIsBetter;
        if (target > upper)
        {
            return higherIsBetter ? Assurance.ConsistentlyFail : Assurance.ConsistentlyPass;
        }

        if (target < lower)
        {
            return higherIsBetter ? Assurance.ConsistentlyPass : Assurance.ConsistentlyFail;
        }

        return Assurance.HitAndMiss;
    }

    private static IEnumerable<List<XmrInput>> Split(List<XmrInput> ordered, IReadOnlyCollection<Period> recalculateAt)
    {
        var current = new List<XmrInput>();
        for (var i = 0; i < ordered.Count; i++)
        {
            // A recalculation period with no figure still starts the segment at the next figure after it.
            if (current.Count > 0 && recalculateAt.Any(r => ordered[i - 1].Period < r && ordered[i].Period >= r))
            {
                yield return current;
                current = [];
            }

            current.Add(ordered[i]);
        }

        if (current.Count > 0)
        {
            yield return current;
        }
    }

    internal sealed record Limits(decimal Mean, decimal Lower, decimal Upper, decimal NearLower, decimal NearUpper, int BaselinePoints);

    /// <summary>The centre line and limits from the first <paramref name="baseline"/> values (all, by default); null below <see cref="MinimumPoints"/>.</summary>
    internal static Limits? LimitsOf(IReadOnlyList<decimal> values, int? baseline)
    {
        if (values.Count < MinimumPoints)
        {
            return null;
        }

        var fixedOn = values.Take(Math.Min(baseline ?? values.Count, values.Count)).ToList();
        var mean = fixedOn.Average();
        var ranges = fixedOn.Skip(1).Select((v, i) => Math.Abs(v - fixedOn[i])).ToList();
        var meanRange = ranges.Average();
        // Ranges of 3.267 mean ranges or more are outliers, not the process's own spread.
        var kept = ranges.Where(r => r < Screen * meanRange).ToList();
        if (kept.Count == 0)
        {
            // Every value the same: no spread to set limits from. NHSRplotthedots screens every range
            // out (none is below 3.267 × 0) and has no limits either.
            return null;
        }

        meanRange = kept.Average();

        return new Limits(mean, mean - (Limit * meanRange), mean + (Limit * meanRange),
            mean - (NearLimit * meanRange), mean + (NearLimit * meanRange), fixedOn.Count);
    }

    /// <summary>
    /// Each value's type, the rule that names it (the first that applies: outside, trend, two of three,
    /// shift) and its side: above the mean, or rising for a trend.
    /// </summary>
    internal static (PointType Type, SpecialCauseRule? Rule, bool High)[] Classify(IReadOnlyList<decimal> y, Limits limits, Polarity polarity)
    {
        var n = y.Count;
        var outside = y.Select(v => v > limits.Upper || v < limits.Lower).ToArray();
        var side = y.Select(v => Math.Sign(v - limits.Mean)).ToArray();
        var near = y.Select((v, i) => !outside[i] && (v < limits.NearLower || v > limits.NearUpper)).ToArray();

        // Each point's step from the one before: +1 up, -1 down, 0 level (which no trend survives).
        var step = new int[n];
        for (var i = 1; i < n; i++)
        {
            step[i] = y[i].CompareTo(y[i - 1]);
        }

        var trend = PartOfRun(n, end => step[end] != 0 && AllFrom(end - RunLength + 2, end, i => step[i] == step[end]));
        var shift = PartOfRun(n, end => side[end] != 0 && AllFrom(end - RunLength + 1, end, i => side[i] == side[end]));
        var twoOfThree = new bool[n];
        for (var start = 0; start + 3 <= n; start++)
        {
            var (a, b, c) = (start, start + 1, start + 2);
            var inBand = (near[a] ? 1 : 0) + (near[b] ? 1 : 0) + (near[c] ? 1 : 0);
            if (inBand >= 2 && Math.Abs(side[a] + side[b] + side[c]) == 3)
            {
                twoOfThree[a] |= near[a];
                twoOfThree[b] |= near[b];
                twoOfThree[c] |= near[c];
            }
        }

        var result = new (PointType, SpecialCauseRule?, bool)[n];
        for (var i = 0; i < n; i++)
        {
            (SpecialCauseRule? rule, bool high) = outside[i] ? (SpecialCauseRule.OutsideLimits, side[i] > 0)
                : trend[i] ? (SpecialCauseRule.Trend, Rises(y, trend, i))
                : twoOfThree[i] ? (SpecialCauseRule.TwoOfThree, side[i] > 0)
                : shift[i] ? (SpecialCauseRule.Shift, side[i] > 0)
                : ((SpecialCauseRule?)null, false);
            var better = high == (polarity == Polarity.HigherIsBetter);
            result[i] = rule is null ? (PointType.CommonCause, null, false) : (better ? PointType.Improvement : PointType.Concern, rule, high);
        }

        return result;
    }

    private static bool AllFrom(int from, int to, Func<int, bool> holds)
    {
        for (var i = from; i <= to; i++)
        {
            if (!holds(i))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Marks every point of every run of <see cref="RunLength"/> that <paramref name="endsRun"/> finds ending at an index.</summary>
    private static bool[] PartOfRun(int n, Func<int, bool> endsRun)
    {
        var part = new bool[n];
        for (var end = RunLength - 1; end < n; end++)
        {
            if (endsRun(end))
            {
                for (var i = end - RunLength + 1; i <= end; i++)
                {
                    part[i] = true;
                }
            }
        }

        return part;
    }

    /// <summary>
    /// A trend point's direction: the step to the next point when that point is in a trend too, else
    /// the step from the one before (as NHSRplotthedots reads it, so a peak between two trends is falling).
    /// </summary>
    private static bool Rises(IReadOnlyList<decimal> y, bool[] trend, int i) =>
        i + 1 < y.Count && trend[i + 1] ? y[i + 1] > y[i] : i > 0 && y[i] > y[i - 1];
}
