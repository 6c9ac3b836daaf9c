using ContractMonitor.Contracts.Measures;

namespace ContractMonitor.Core.Targets;

/// <summary>DESIGN §3.2: the tolerance sits on the worse side of the target, or on it.</summary>
internal static class TargetRules
{
    /// <returns>Why the pair is not acceptable, or null when it is.</returns>
    public static string? CheckTolerance(Polarity polarity, decimal target, decimal tolerance) => polarity switch
    {
        Polarity.HigherIsBetter when tolerance > target =>
            $"must be at or below the target ({target}) for a measure where higher is better.",
        Polarity.LowerIsBetter when tolerance < target =>
            $"must be at or above the target ({target}) for a measure where lower is better.",
        _ => null,
    };
}
