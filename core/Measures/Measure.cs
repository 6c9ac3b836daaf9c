using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Measures;

/// <summary>A measure of a contract as core knows it. The api maps it to its wire shape.</summary>
/// <param name="StartPeriod">The first period returns are expected for: earlier periods are not rated or owed.</param>
/// <param name="ChosenRollup">How its figures combine into a quarter or year, if chosen; null for the unit's default (<see cref="Rollups.RollupRules"/>).</param>
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
    Period StartPeriod,
    Rollup? ChosenRollup = null)
{
    /// <summary>The rollup its quarters and years are worked out by, unless a span's figures cannot support it.</summary>
    public Rollup Rollup => ChosenRollup ?? Rollups.RollupRules.DefaultFor(Unit);

    /// <summary>What the rating rules read of the measure.</summary>
    public MeasureTerms Terms => new(Id, Code, Polarity, Unit, Frequency, StartPeriod);
}
