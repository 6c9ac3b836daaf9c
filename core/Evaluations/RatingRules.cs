using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;

namespace ContractMonitor.Core.Evaluations;

/// <summary>DESIGN §3.2 and §3.3: how a figure compares with its target and with the period before.</summary>
internal static class RatingRules
{
    /// <summary>
    /// Green, amber or red. Both boundaries are inclusive on the kinder side: equal to the target is
    /// on target, equal to the tolerance is within tolerance.
    /// </summary>
    public static Rating Of(decimal value, decimal target, decimal tolerance, Polarity polarity) => polarity switch
    {
        Polarity.HigherIsBetter when value >= target => Rating.OnTarget,
        Polarity.HigherIsBetter when value >= tolerance => Rating.WithinTolerance,
        Polarity.HigherIsBetter => Rating.Failing,
        Polarity.LowerIsBetter when value <= target => Rating.OnTarget,
        Polarity.LowerIsBetter when value <= tolerance => Rating.WithinTolerance,
        Polarity.LowerIsBetter => Rating.Failing,
        _ => throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "Unknown polarity."),
    };

    /// <summary>Direction of travel from the previous period's figure; none without one.</summary>
    public static Direction? DirectionOf(decimal? previous, decimal current, Polarity polarity)
    {
        if (previous is not { } before)
        {
            return null;
        }

        var better = polarity switch
        {
            Polarity.HigherIsBetter => current.CompareTo(before),
            Polarity.LowerIsBetter => before.CompareTo(current),
            _ => throw new ArgumentOutOfRangeException(nameof(polarity), polarity, "Unknown polarity."),
        };
        return better switch
        {
            > 0 => Direction.Improving,
            < 0 => Direction.Declining,
            _ => Direction.Unchanged,
        };
    }
}
