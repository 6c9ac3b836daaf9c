using ContractMonitor.Contracts.Measures;

namespace ContractMonitor.Contracts.Spc;

/// <summary>What a point on an XmR chart says: noise, or a special cause that is good or bad news for the measure.</summary>
public enum PointType
{
    /// <summary>Noise: within the process's ordinary variation.</summary>
    CommonCause,

    /// <summary>A special cause in the measure's better direction.</summary>
    Improvement,

    /// <summary>A special cause in the measure's worse direction.</summary>
    Concern,
}

/// <summary>The special-cause rule that names a point, the first that applies in this order.</summary>
public enum SpecialCauseRule
{
    /// <summary>The point lies beyond the upper or lower process limit.</summary>
    OutsideLimits,

    /// <summary>The point is part of a run of 7 points each rising, or each falling.</summary>
    Trend,

    /// <summary>The point is one of two (or three) out of three in a row close to a limit, on the same side of the mean.</summary>
    TwoOfThree,

    /// <summary>The point is part of a run of 7 points on the same side of the mean.</summary>
    Shift,
}

/// <summary>NHS "Making Data Count" variation icon: the latest point's type, with its side.</summary>
public enum Variation
{
    /// <summary>The latest point is noise.</summary>
    CommonCause,

    /// <summary>The latest point is an improvement, high: above the mean, or rising.</summary>
    ImprovementHigh,

    /// <summary>The latest point is an improvement, low: below the mean, or falling.</summary>
    ImprovementLow,

    /// <summary>The latest point is a concern, high: above the mean, or rising.</summary>
    ConcernHigh,

    /// <summary>The latest point is a concern, low: below the mean, or falling.</summary>
    ConcernLow,
}

/// <summary>NHS "Making Data Count" assurance icon: the latest target against the latest limits.</summary>
public enum Assurance
{
    /// <summary>The target lies beyond the limits on the worse side: the process as it runs will meet it every time.</summary>
    ConsistentlyPass,

    /// <summary>The target lies between the limits: the process will meet it some periods and miss it others, by chance.</summary>
    HitAndMiss,

    /// <summary>The target lies beyond the limits on the better side: the process as it runs will miss it every time.</summary>
    ConsistentlyFail,
}

/// <summary>One point on a measure's XmR chart: a period's figure and the limits of its segment.</summary>
/// <param name="Period">The period, such as <c>2026-07</c>.</param>
/// <param name="Value">The period's figure, in the measure's unit.</param>
/// <param name="Mean">
/// The centre line of the point's segment; null when the segment has too few points for limits, or no spread (every figure the same).
/// </param>
/// <param name="LowerLimit">The lower process limit of the point's segment, to 4 decimal places; null when <c>mean</c> is.</param>
/// <param name="UpperLimit">The upper process limit of the point's segment, to 4 decimal places; null when <c>mean</c> is.</param>
/// <param name="PointType">Null when the segment has too few points for limits, so nothing can be told apart.</param>
/// <param name="Rule">The special-cause rule that names the point; null for common cause, or when the segment has no limits.</param>
/// <param name="SmallCohort">The figure's denominator was below the contract's small cohort: it counts, but read it with care.</param>
public sealed record SpcPoint(
    string Period, decimal Value, decimal? Mean, decimal? LowerLimit, decimal? UpperLimit, PointType? PointType, SpecialCauseRule? Rule,
    bool SmallCohort);

/// <summary>A run of the chart's points that shares one set of limits: a recalculation period starts a new one.</summary>
/// <param name="From">The segment's first period.</param>
/// <param name="To">The segment's last period.</param>
/// <param name="Points">How many points the segment has; below 12 it has no limits.</param>
/// <param name="BaselinePoints">How many of its first points the limits were worked out from.</param>
/// <param name="Mean">The segment's centre line, to 4 decimal places; null below 12 points, or with no spread (every figure the same).</param>
/// <param name="LowerLimit">The segment's lower process limit, to 4 decimal places; null when <c>mean</c> is.</param>
/// <param name="UpperLimit">The segment's upper process limit, to 4 decimal places; null when <c>mean</c> is.</param>
public sealed record SpcSegment(string From, string To, int Points, int BaselinePoints, decimal? Mean, decimal? LowerLimit, decimal? UpperLimit);

/// <summary>A measure's XmR chart: every point, its segments' limits, and the two icons.</summary>
/// <param name="Code">The measure's code, such as <c>B13</c>.</param>
/// <param name="Polarity">Which way is better for the measure: it decides which special causes are improvements.</param>
/// <param name="Points">Every period with a figure between <c>from</c> and <c>to</c>, oldest first.</param>
/// <param name="Variation">The latest point's type and side; null with insufficient data.</param>
/// <param name="Assurance">Whether the latest limits put the latest target in reach; null without a target or limits.</param>
/// <param name="InsufficientData">The latest segment has fewer than 12 points: no limits, no icons.</param>
/// <param name="Segments">The chart's segments, oldest first: one, unless recalculation periods split it.</param>
/// <param name="Target">The latest target among the charted periods, which <c>assurance</c> is judged against; null when none has one.</param>
/// <param name="Recalculations">
/// The recalculation periods recorded for the measure (as known at <c>knownAt</c>), by period; a <c>recalculateAt</c> query
/// changes the chart, not this list.
/// </param>
public sealed record SpcResponse(
    string Code, Polarity Polarity, IReadOnlyList<SpcPoint> Points, Variation? Variation, Assurance? Assurance, bool InsufficientData,
    IReadOnlyList<SpcSegment> Segments, decimal? Target, IReadOnlyList<SpcRecalculation> Recalculations);

/// <summary>A period from which the measure's process is known to have changed, so its limits start again.</summary>
/// <param name="Period" example="2027-04">
/// The first period of the changed process: of the measure's frequency, inside the contract's term, and listed once. Required.
/// </param>
/// <param name="Reason" example="A new case management system went live in April 2027, changing how accommodation is recorded.">
/// What changed, such as a new recording system. Required; at most 2,000 characters.
/// </param>
public sealed record SpcRecalculation(string Period, string Reason);

/// <summary>The periods at which the measure's limits start again, replacing those recorded before.</summary>
/// <param name="Recalculations">
/// Every recalculation period the measure is to have, at most 50, each with a reason. Required; an empty list removes them all.
/// </param>
public sealed record SpcRecalculationsRequest(IReadOnlyList<SpcRecalculation?>? Recalculations);

/// <summary>The two icons as the status and split screen carry them.</summary>
/// <param name="Variation">The latest figure's variation icon; null with insufficient data.</param>
/// <param name="Assurance">The assurance icon; null without a target or limits.</param>
public sealed record SpcIcons(Variation? Variation, Assurance? Assurance);
