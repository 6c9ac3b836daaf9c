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
/// <param name="Definition">The definition in force from its latest version on; with <c>?period=</c>, the one in force for that period.</param>
/// <param name="UnitLabel">How figures are labelled beside the unit, such as "per 10,000 children"; null for none.</param>
/// <param name="RetiredFrom">The first period no longer owed or rated; null while the measure runs.</param>
/// <param name="Definitions">Every version of the definition, oldest first; only on a single measure's answer.</param>
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
    Rollup Rollup,
    string? UnitLabel = null,
    string? RetiredFrom = null,
    string? RetirementReason = null,
    IReadOnlyList<MeasureDefinitionResponse>? Definitions = null);

/// <summary>One version of a measure's definition (issue 20).</summary>
/// <param name="FromPeriod">The first period it applies to; it applies until the next version's.</param>
public sealed record MeasureDefinitionResponse(string FromPeriod, string Definition, string? Reason, string? SetBy, DateTimeOffset? SetAt);

/// <summary>
/// A change to a measure over the contract's life (issue 20). Every field left out stays as it is;
/// code, unit, polarity and frequency never change (create a new measure for that).
/// </summary>
/// <param name="Definition">A new version of the definition, applying from <paramref name="DefinitionFrom"/>.</param>
/// <param name="DefinitionFrom">The first period the new definition applies to: required with a definition.</param>
/// <param name="StartPeriod">The first period returns are expected for. Moving it later than a stored figure is refused.</param>
/// <param name="Reason">Why: kept in the audit, and with a definition version.</param>
public sealed record EditMeasureRequest(
    string? Title,
    string? Definition,
    string? DefinitionFrom,
    string? Category,
    int? Decimals,
    string? UnitLabel,
    string? StartPeriod,
    string Reason);

/// <summary>Retires a measure: from <paramref name="FromPeriod"/> on it is neither owed nor rated (issue 20).</summary>
public sealed record RetireMeasureRequest(string FromPeriod, string Reason);

/// <summary>Undoes a retirement: the measure is owed and rated again from the period it was retired from (issue 20).</summary>
public sealed record ReinstateMeasureRequest(string Reason);
