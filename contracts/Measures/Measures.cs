namespace ContractMonitor.Contracts.Measures;

/// <summary>What a measure's figures count, which also limits the values a return may send.</summary>
public enum MeasureUnit
{
    /// <summary>A percentage from 0 to 100; a numerator and denominator sent with it must agree with it to the measure's decimal places.</summary>
    Percent,

    /// <summary>A whole number of 0 or more; a Count measure has 0 decimals.</summary>
    Count,

    /// <summary>A number of days, 0 or more.</summary>
    Days,

    /// <summary>A rate per so many (see <c>unitLabel</c>), 0 or more.</summary>
    Rate,

    /// <summary>Any other number, negative ones included.</summary>
    Number,
}

/// <summary>Which way is better for a measure: it decides the rating and the direction of travel.</summary>
public enum Polarity
{
    /// <summary>A higher figure is better: on target at or above the target, failing below the tolerance.</summary>
    HigherIsBetter,

    /// <summary>A lower figure is better: on target at or below the target, failing above the tolerance.</summary>
    LowerIsBetter,
}

/// <summary>How often a measure's figures are returned; every return's period must be of this frequency.</summary>
public enum Frequency
{
    /// <summary>One figure a month, periods such as <c>2026-07</c>.</summary>
    Monthly,

    /// <summary>One figure a quarter of the financial year, periods such as <c>2026-27-Q2</c>.</summary>
    Quarterly,

    /// <summary>One figure a financial year, periods such as <c>2026-27</c>.</summary>
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

/// <summary>A new measure (KPI) of the contract, as <c>POST …/measures</c> takes it.</summary>
/// <param name="Code" example="B13">
/// The measure's code: up to 16 letters, digits, dots, hyphens or underscores, starting with a letter or digit. Stored in
/// capitals; unique within the contract (a second <c>B13</c> is 409). Required.
/// </param>
/// <param name="Title" example="Care leavers in suitable accommodation">The measure's title. Required; at most 200 characters.</param>
/// <param name="Definition" example="Care leavers aged 19 to 21 in suitable accommodation, as a percentage of all care leavers of that age.">
/// What the measure counts and how. Optional (left out: empty); at most 4,000 characters.
/// </param>
/// <param name="Category" example="Care leavers">
/// The heading the measure is grouped under, as in the panel's paper; left out, it is listed under "Other measures". At
/// most 100 characters.
/// </param>
/// <param name="Unit">What its figures count: Percent, Count, Days, Rate or Number. Required; never changes.</param>
/// <param name="Polarity">Which way is better: HigherIsBetter or LowerIsBetter. Required; never changes.</param>
/// <param name="Frequency">How often figures are returned: Monthly, Quarterly or Annual. Required; never changes.</param>
/// <param name="Decimals" example="1">
/// How many decimal places its figures, targets and tolerances may have: 0 to 4, and 0 for a Count. Left out: 0.
/// </param>
/// <param name="StartPeriod" example="2026-04">
/// The first period returns are expected for (DESIGN §3.4). Left out: the contract's first period for a measure
/// created before the contract starts, otherwise the period containing the day it is created. Set it earlier to
/// load history.
/// </param>
/// <param name="Rollup">
/// How its figures combine into a quarter or a year. Left out: NumeratorOverDenominator for Percent and Rate, Latest otherwise.
/// NumeratorOverDenominator is refused for other units.
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

/// <summary>A measure (KPI) of the contract, as the measures endpoints answer.</summary>
/// <param name="Code">The measure's code, unique within the contract, such as <c>B13</c>.</param>
/// <param name="Title">The measure's title, such as "Care leavers in suitable accommodation".</param>
/// <param name="Definition">The definition in force from its latest version on; with <c>?period=</c>, the one in force for that period.</param>
/// <param name="Category">The heading the measure is grouped under; empty when it has none.</param>
/// <param name="Unit">What its figures count: Percent, Count, Days, Rate or Number.</param>
/// <param name="Polarity">Which way is better: HigherIsBetter or LowerIsBetter.</param>
/// <param name="Frequency">How often figures are returned: Monthly, Quarterly or Annual.</param>
/// <param name="Decimals">How many decimal places its figures, targets and tolerances may have (0 to 4).</param>
/// <param name="StartPeriod">The first period returns are expected for; earlier periods are not rated or owed.</param>
/// <param name="Rollup">
/// How its figures combine into a quarter or a year. Left out when created: NumeratorOverDenominator for Percent
/// and Rate (a span where a figure has no denominator is then rolled up as Latest, and says so), Latest otherwise.
/// </param>
/// <param name="UnitLabel">How figures are labelled beside the unit, such as "per 10,000 children"; null for none.</param>
/// <param name="RetiredFrom">The first period no longer owed or rated; null while the measure runs.</param>
/// <param name="RetirementReason">Why the council retired it; null while the measure runs.</param>
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
/// <param name="Definition">The definition's text.</param>
/// <param name="Reason">Why it was set; null for the definition the measure was created with.</param>
/// <param name="SetBy">Who set it: the name in their token; null for the definition the measure was created with.</param>
/// <param name="SetAt">When it was set (UTC); null for the definition the measure was created with.</param>
public sealed record MeasureDefinitionResponse(string FromPeriod, string Definition, string? Reason, string? SetBy, DateTimeOffset? SetAt);

/// <summary>
/// A change to a measure over the contract's life (issue 20). Every field left out stays as it is, but at least one besides
/// the reason must be given; code, unit, polarity and frequency never change (create a new measure for that).
/// </summary>
/// <param name="Title" example="Care leavers aged 19 to 21 in suitable accommodation">A new title: not blank, at most 200 characters.</param>
/// <param name="Definition" example="Care leavers aged 19 to 21 in suitable accommodation, as defined for the DfE SSDA903 return.">
/// A new version of the definition, applying from <c>definitionFrom</c>: not blank, at most 4,000 characters.
/// </param>
/// <param name="DefinitionFrom" example="2027-04">
/// The first period the new definition applies to: required with a definition, and only with one. Of the measure's
/// frequency, from its start period, inside the contract's term and before any retirement.
/// </param>
/// <param name="Category" example="Care leavers">
/// A new heading to group it under; at most 100 characters; an empty string leaves it with none.
/// </param>
/// <param name="Decimals" example="1">A new number of decimal places: 0 to 4, and 0 for a Count.</param>
/// <param name="UnitLabel" example="of care leavers aged 19 to 21">
/// A new label shown beside the unit, such as "per 10,000 children"; at most 64 characters; an empty string removes it.
/// </param>
/// <param name="StartPeriod" example="2026-04">The first period returns are expected for. Moving it later than a stored figure is refused.</param>
/// <param name="Reason" example="Definition aligned with the DfE SSDA903 return from 2027-28.">
/// Why: kept in the audit, and with a definition version. Required; at most 1,000 characters.
/// </param>
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
/// <param name="FromPeriod" example="2028-04">
/// The first period no longer owed or rated: of the measure's frequency, after its start period and inside the contract's
/// term, with no figure stored for it or any later period. Required.
/// </param>
/// <param name="Reason" example="Replaced by B14 from 2028-29 after the annual review.">
/// Why the measure is retired: kept with it and in the audit. Required; at most 1,000 characters.
/// </param>
public sealed record RetireMeasureRequest(string FromPeriod, string Reason);

/// <summary>Undoes a retirement: the measure is owed and rated again from the period it was retired from (issue 20).</summary>
/// <param name="Reason" example="B14 was not agreed; B13 continues.">
/// Why the retirement is undone: kept in the audit. Required; at most 1,000 characters.
/// </param>
public sealed record ReinstateMeasureRequest(string Reason);
