using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Measures;

/// <summary>A measure of a contract as core knows it. The api maps it to its wire shape.</summary>
/// <param name="StartPeriod">The first period returns are expected for: earlier periods are not rated or owed.</param>
internal sealed record Measure(
    long Id,
    long ContractId,
    string Code,
    string Title,
    string Definition,
    string Category,
    MeasureUnit Unit,
    Polarity Polarity,
    Frequency Frequency,
    int Decimals,
    Period StartPeriod)
{
    /// <summary>What the rating rules read of the measure.</summary>
    public MeasureTerms Terms => new(Id, Code, Polarity, Unit, Frequency, StartPeriod);
}
