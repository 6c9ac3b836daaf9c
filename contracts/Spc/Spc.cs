using ContractMonitor.Contracts.Measures;

namespace ContractMonitor.Contracts.Spc;

/// <summary>What a point on an XmR chart says: noise, or a special cause that is good or bad news for the measure.</summary>
public enum PointType
{
    CommonCause,
    Improvement,
    Concern,
}

/// <summary>The special-cause rule that names a point, the first that applies in this order.</summary>
public enum SpecialCauseRule
{
    OutsideLimits,
    Trend,
    TwoOfThree,
    Shift,
}

/// <summary>NHS "Making Data Count" variation icon: the latest point's type, with its side.</summary>
public enum Variation
{
    CommonCause,
    ImprovementHigh,
    ImprovementLow,
    ConcernHigh,
    ConcernLow,
}

/// <summary>NHS "Making Data Count" assurance icon: the latest target against the latest limits.</summary>
public enum Assurance
{
    ConsistentlyPass,
    HitAndMiss,
    ConsistentlyFail,
}

/// <param name="Mean">The centre line of the point's segment; null when the segment has too few points for limits.</param>
/// <param name="PointType">Null when the segment has too few points for limits, so nothing can be told apart.</param>
/// <param name="SmallCohort">The figure's denominator was below the contract's small cohort: it counts, but read it with care.</param>
public sealed record SpcPoint(
    string Period, decimal Value, decimal? Mean, decimal? LowerLimit, decimal? UpperLimit, PointType? PointType, SpecialCauseRule? Rule,
    bool SmallCohort);

/// <param name="Points">How many points the segment has; below 12 it has no limits.</param>
/// <param name="BaselinePoints">How many of its first points the limits were worked out from.</param>
public sealed record SpcSegment(string From, string To, int Points, int BaselinePoints, decimal? Mean, decimal? LowerLimit, decimal? UpperLimit);

/// <summary>A measure's XmR chart: every point, its segments' limits, and the two icons.</summary>
/// <param name="Variation">The latest point's type and side; null with insufficient data.</param>
/// <param name="Assurance">Whether the latest limits put the latest target in reach; null without a target or limits.</param>
/// <param name="InsufficientData">The latest segment has fewer than 12 points: no limits, no icons.</param>
public sealed record SpcResponse(
    string Code, Polarity Polarity, IReadOnlyList<SpcPoint> Points, Variation? Variation, Assurance? Assurance, bool InsufficientData,
    IReadOnlyList<SpcSegment> Segments, decimal? Target, IReadOnlyList<SpcRecalculation> Recalculations);

/// <summary>A period from which the measure's process is known to have changed, so its limits start again.</summary>
public sealed record SpcRecalculation(string Period, string Reason);

/// <summary>The periods at which the measure's limits start again, replacing those recorded before.</summary>
public sealed record SpcRecalculationsRequest(IReadOnlyList<SpcRecalculation?>? Recalculations);

/// <summary>The two icons as the status and split screen carry them.</summary>
public sealed record SpcIcons(Variation? Variation, Assurance? Assurance);
