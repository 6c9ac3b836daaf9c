using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Measures;

/// <summary>A measure of a contract as core knows it. The api maps it to its wire shape.</summary>
/// <param name="StartPeriod">The first period returns are expected for: earlier periods are not rated or owed.</param>
/// <param name="ChosenRollup">How its figures combine into a quarter or year, if chosen; null for the unit's default (<see cref="Rollups.RollupRules"/>).</param>
/// <param name="UnitLabel">How its figures are labelled beside the unit, such as "per 10,000 children"; null for none.</param>
/// <param name="RetiredFrom">The first period it is no longer owed or rated for (issue 20); null while it runs.</param>
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
    Rollup? ChosenRollup = null,
    string? UnitLabel = null,
    Period? RetiredFrom = null,
    string? RetirementReason = null)
{
    /// <summary>The rollup its quarters and years are worked out by, unless a span's figures cannot support it.</summary>
    public Rollup Rollup => ChosenRollup ?? Rollups.RollupRules.DefaultFor(Unit);

    /// <summary>When the retirement was recorded: a read of what was known before then does not know it.</summary>
    public DateTimeOffset? RetiredAt { get; init; }

    /// <summary>The measure as it was known at <paramref name="knownAt"/>: not yet retired if that was recorded later.</summary>
    public Measure AsKnownAt(DateTimeOffset knownAt) =>
        RetiredAt > knownAt ? this with { RetiredFrom = null, RetirementReason = null, RetiredAt = null } : this;

    /// <summary>What the rating rules read of the measure.</summary>
    public MeasureTerms Terms => new(Id, Code, Polarity, Unit, Frequency, StartPeriod, RetiredFrom);

    /// <summary>Whether a figure is owed, and the period rated, for <paramref name="period"/>: from its start, until it retires.</summary>
    public bool Owes(Period period) => Terms.Owes(period);
}
