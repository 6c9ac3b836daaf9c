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

public sealed record CreateMeasureRequest(
    string Code,
    string Title,
    string? Definition,
    string? Category,
    MeasureUnit? Unit,
    Polarity? Polarity,
    Frequency? Frequency,
    int? Decimals);

public sealed record MeasureResponse(
    string Code,
    string Title,
    string Definition,
    string Category,
    MeasureUnit Unit,
    Polarity Polarity,
    Frequency Frequency,
    int Decimals);
