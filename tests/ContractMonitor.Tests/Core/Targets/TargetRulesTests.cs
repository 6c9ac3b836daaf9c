using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Targets;

namespace ContractMonitor.Tests.Core.Targets;

/// <summary>DESIGN §3.2: L ≤ T for higher-is-better, L ≥ T for lower-is-better.</summary>
public sealed class TargetRulesTests
{
    [Theory]
    [InlineData(Polarity.HigherIsBetter, "60", "55", true)]
    [InlineData(Polarity.HigherIsBetter, "60", "60", true)]
    [InlineData(Polarity.HigherIsBetter, "60", "60.000001", false)]
    [InlineData(Polarity.HigherIsBetter, "0", "0", true)]
    [InlineData(Polarity.LowerIsBetter, "10", "14", true)]
    [InlineData(Polarity.LowerIsBetter, "10", "10", true)]
    [InlineData(Polarity.LowerIsBetter, "10", "9.999999", false)]
    [InlineData(Polarity.LowerIsBetter, "-5", "-4", true)]
    public void ToleranceMustSitOnTheWorseSideOrOnTheTarget(Polarity polarity, string target, string tolerance, bool accepted)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var error = TargetRules.CheckTolerance(polarity, decimal.Parse(target, culture), decimal.Parse(tolerance, culture));
        Assert.Equal(accepted, error is null);
    }
}
