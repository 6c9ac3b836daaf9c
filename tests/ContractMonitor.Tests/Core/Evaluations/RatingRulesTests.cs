using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Tests.Core.Evaluations;

public sealed class RatingRulesTests
{
    // DESIGN §3.2, word for word: T = 60, L = 55 higher-is-better; T = 10, L = 14 lower-is-better.
    [Theory]
    [InlineData("61", Rating.OnTarget)]
    [InlineData("60", Rating.OnTarget)]
    [InlineData("57", Rating.WithinTolerance)]
    [InlineData("55", Rating.WithinTolerance)]
    [InlineData("54.9", Rating.Failing)]
    public void HigherIsBetterRatesTheDesignExamples(string value, Rating expected) =>
        Assert.Equal(expected, RatingRules.Of(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), 60m, 55m, Polarity.HigherIsBetter));

    [Theory]
    [InlineData("9", Rating.OnTarget)]
    [InlineData("10", Rating.OnTarget)]
    [InlineData("12", Rating.WithinTolerance)]
    [InlineData("14", Rating.WithinTolerance)]
    [InlineData("14.5", Rating.Failing)]
    public void LowerIsBetterRatesTheDesignExamples(string value, Rating expected) =>
        Assert.Equal(expected, RatingRules.Of(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), 10m, 14m, Polarity.LowerIsBetter));

    [Theory]
    [InlineData("59.999999", Polarity.HigherIsBetter, Rating.WithinTolerance)]
    [InlineData("54.999999", Polarity.HigherIsBetter, Rating.Failing)]
    [InlineData("60.000001", Polarity.HigherIsBetter, Rating.OnTarget)]
    [InlineData("10.000001", Polarity.LowerIsBetter, Rating.WithinTolerance)]
    [InlineData("14.000001", Polarity.LowerIsBetter, Rating.Failing)]
    public void BoundariesAreExactToTheLastDecimal(string value, Polarity polarity, Rating expected)
    {
        var (target, tolerance) = polarity == Polarity.HigherIsBetter ? (60m, 55m) : (10m, 14m);
        Assert.Equal(expected, RatingRules.Of(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), target, tolerance, polarity));
    }

    [Fact]
    public void ATargetEqualToItsToleranceLeavesNoAmberBand()
    {
        Assert.Equal(Rating.OnTarget, RatingRules.Of(50m, 50m, 50m, Polarity.HigherIsBetter));
        Assert.Equal(Rating.Failing, RatingRules.Of(49.9m, 50m, 50m, Polarity.HigherIsBetter));
    }

    [Theory]
    [InlineData(null, "5", Polarity.HigherIsBetter, null)]
    [InlineData("4", "5", Polarity.HigherIsBetter, Direction.Improving)]
    [InlineData("6", "5", Polarity.HigherIsBetter, Direction.Declining)]
    [InlineData("5", "5", Polarity.HigherIsBetter, Direction.Unchanged)]
    [InlineData("4", "5", Polarity.LowerIsBetter, Direction.Declining)]
    [InlineData("6", "5", Polarity.LowerIsBetter, Direction.Improving)]
    [InlineData("5.0", "5", Polarity.LowerIsBetter, Direction.Unchanged)]
    public void DirectionFollowsThePolarity(string? previous, string current, Polarity polarity, Direction? expected)
    {
        static decimal? D(string? s) => s is null ? null : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, RatingRules.DirectionOf(D(previous), D(current)!.Value, polarity));
    }
}
