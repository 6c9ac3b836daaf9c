namespace ContractMonitor.Contracts.Measures;

public enum MeasureUnit
{
    Percent,
    Count,
    Days,
    Rate,
    Number,
}

public enum Polarity
{
    HigherIsBetter,
    LowerIsBetter,
}

public enum Frequency
{
    Monthly,
    Quarterly,
    Annual,
}

/// <summary>How a measure's months (or quarters) combine into a quarter or a year.</summary>
public enum Rollup
{
    /// <summary>The numerators over the denominators: each figure weighted by its denominator (Percent and Rate).</summary>
    NumeratorOverDenominator,

    /// <summary>The figures added up (counts).</summary>
    Sum,

    /// <summary>The figures' mean.</summary>
    Mean,

    /// <summary>The last figure of the span (snapshots, such as agency staff in post).</summary>
    Latest,
}

/// <param name="StartPeriod">
/// The first period returns are expected for (DESIGN §3.4). Left out: the contract's first period for a measure
/// created before the contract starts, otherwise the period containing the day it is created. Set it earlier to
/// load history.
/// </param>
public sealed record CreateMeasureRequest(
    string Code,
    string Title,
    string? Definition,
    string? Category,
    MeasureUnit? Unit,
    Polarity? Polarity,
    Frequency? Frequency,
    int? Decimals,
    string? StartPeriod = null,
    Rollup? Rollup = null);

/// <param name="StartPeriod">The first period returns are expected for; earlier periods are not rated or owed.</param>
/// <param name="Rollup">
/// How its figures combine into a quarter or a year. Left out when created: NumeratorOverDenominator for Percent
/// and Rate (a span where a figure has no denominator is then rolled up as Latest, and says so), Latest otherwise.
/// </param>
public sealed record MeasureResponse(
    string Code,
    string Title,
    string Definition,
    string Category,
    MeasureUnit Unit,
    Polarity Polarity,
    Frequency Frequency,
    int Decimals,
    string StartPeriod,
    Rollup Rollup);
