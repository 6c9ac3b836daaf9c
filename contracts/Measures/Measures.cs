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
    string? StartPeriod = null);

/// <param name="StartPeriod">The first period returns are expected for; earlier periods are not rated or owed.</param>
public sealed record MeasureResponse(
    string Code,
    string Title,
    string Definition,
    string Category,
    MeasureUnit Unit,
    Polarity Polarity,
    Frequency Frequency,
    int Decimals,
    string StartPeriod);
