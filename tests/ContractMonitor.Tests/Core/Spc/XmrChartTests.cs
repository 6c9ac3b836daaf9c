using System.Globalization;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Spc;

namespace ContractMonitor.Tests.Core.Spc;

/// <summary>
/// Issue 19: the special-cause rules as table tests over hand-made series. Rules are read against
/// fixed limits (mean 0, limits ±3, near-limit band beyond ±2) so that each row shows one rule;
/// the limits themselves are tested apart.
/// </summary>
public sealed class XmrChartTests
{
    private static readonly XmrChart.Limits Fixed = new(0m, -3m, 3m, -2m, 2m, 20);

    private static decimal[] Values(string series) =>
        [.. series.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => decimal.Parse(v, CultureInfo.InvariantCulture))];

    /// <summary>The types as letters: . common cause, I improvement, C concern; and the rules: o outside, t trend, 2 two of three, s shift.</summary>
    private static string Read(string series, Polarity polarity = Polarity.HigherIsBetter) =>
        string.Concat(XmrChart.Classify(Values(series), Fixed, polarity).Select(p => p.Rule switch
        {
            null => ".",
            SpecialCauseRule.OutsideLimits => "o",
            SpecialCauseRule.Trend => "t",
            SpecialCauseRule.TwoOfThree => "2",
            _ => "s",
        }));

    [Theory]
    // Trends: seven points each higher than the one before is a trend; six is not; eight flags all eight.
    [InlineData("-1.5 -1 -0.5 0.1 0.5 1 1.5", "ttttttt")]
    [InlineData("-1 -0.5 0.1 0.5 1 1.5", "......")]
    [InlineData("-1.8 -1.5 -1 -0.5 0.1 0.5 1 1.5", "tttttttt")]
    [InlineData("1.5 1 0.5 0.1 -0.5 -1 -1.5", "ttttttt")]
    // A repeated value breaks a trend (as NHSRplotthedots: 1:3, 3:6 is no trend).
    [InlineData("-1.5 -1 -0.5 -0.5 0.5 1 1.5", ".......")]
    // A trend crosses the mean: it is still a trend, whatever side each point is on.
    [InlineData("-1.2 -0.8 -0.4 0.1 0.4 0.8 1.2 0.3", "ttttttt.")]
    // Shifts: seven on one side is a shift; six is not; eight flags all eight.
    [InlineData("1 0.5 1 0.5 1 0.5 1", "sssssss")]
    [InlineData("1 0.5 1 0.5 1 0.5", "......")]
    [InlineData("-1 -0.5 -1 -0.5 -1 -0.5 -1 -0.5", "ssssssss")]
    // A point exactly on the mean breaks the run.
    [InlineData("1 0.5 1 0 1 0.5 1 0.5", "........")]
    // Two of three in the band beyond two-thirds, all three on that side: the two in the band.
    [InlineData("0.5 2.5 0.5 2.5 0.5", ".2.2.")]
    [InlineData("-2.5 -2.5 -0.5", "22.")]
    // Two of three in the band but on opposite sides of the mean: no signal.
    [InlineData("2.5 -0.5 2.5", "...")]
    [InlineData("2.5 -2.5 0.5", "...")]
    // Two in the band but not within three points of each other: no signal.
    [InlineData("2.5 0.5 0.5 2.5", "....")]
    // Outside the limits, either side; beyond a limit is not "near" it.
    [InlineData("0 3.5 0 -3.5 0", ".o.o.")]
    [InlineData("3.5 3.5 0", "oo.")]
    // Precedence: a point outside the limits inside a trend is named outside; the trend names the rest.
    [InlineData("-1.5 -1 -0.5 0.1 0.5 1 3.5", "tttttto")]
    // Precedence: in a shift, the points in the band are named two of three, the rest shift.
    [InlineData("0.5 2.5 0.5 2.5 0.5 0.5 0.5", "s2s2sss")]
    public void EachRuleFlagsTheRightPoints(string series, string expected) =>
        Assert.Equal(expected, Read(series));

    [Theory]
    [InlineData("0 3.5", Polarity.HigherIsBetter, PointType.Improvement)]
    [InlineData("0 3.5", Polarity.LowerIsBetter, PointType.Concern)]
    [InlineData("0 -3.5", Polarity.HigherIsBetter, PointType.Concern)]
    [InlineData("0 -3.5", Polarity.LowerIsBetter, PointType.Improvement)]
    // A falling trend entirely above the mean is a concern for higher-is-better: its direction decides, not its side.
    [InlineData("2.9 2.7 2.5 2.3 2.1 1.9 1.7", Polarity.HigherIsBetter, PointType.Concern)]
    [InlineData("2.9 2.7 2.5 2.3 2.1 1.9 1.7", Polarity.LowerIsBetter, PointType.Improvement)]
    [InlineData("-1 -0.5 -1 -0.5 -1 -0.5 -1", Polarity.LowerIsBetter, PointType.Improvement)]
    public void TheTypeFollowsThePolarity(string series, Polarity polarity, PointType expected) =>
        Assert.Equal(expected, XmrChart.Classify(Values(series), Fixed, polarity)[^1].Type);

    [Fact]
    public void MovingRangesOfThreePointTwoSixSevenMeanRangesOrMoreAreScreenedOut()
    {
        // Ranges 1 ×10 and one of 21: mean range 31/11 = 2.818…; 21 ≥ 3.267 × 2.818 is screened, leaving 1.
        var values = Values("0 1 0 1 0 1 0 1 0 1 0 21");

        var limits = XmrChart.LimitsOf(values, null)!;

        Assert.Equal(26m / 12m, limits.Mean);
        Assert.Equal(26m / 12m + 2.66m, limits.Upper);
        Assert.Equal(26m / 12m - 2.66m, limits.Lower);
    }

    [Fact]
    public void ARangeJustBelowTheScreenIsKept()
    {
        // Ranges 1 ×10 and 4: mean 14/11 = 1.2727…; 4 < 3.267 × 1.2727 = 4.158, so it counts.
        var limits = XmrChart.LimitsOf(Values("0 1 0 1 0 1 0 1 0 1 0 4"), null)!;

        Assert.Equal(9m / 12m + 2.66m * (14m / 11m), limits.Upper, 20);
    }

    internal static List<XmrInput> Monthly(string series, string from = "2020-04")
    {
        var period = Period.Parse(from, Frequency.Monthly);
        var points = new List<XmrInput>();
        foreach (var value in Values(series))
        {
            points.Add(new XmrInput(period, value));
            period = period.Next();
        }

        return points;
    }

    [Fact]
    public void ElevenPointsAreTooFewForLimitsAndTwelveAreEnough()
    {
        var eleven = XmrChart.Compute(Monthly("5 6 5 6 5 6 5 6 5 6 5"), Polarity.HigherIsBetter, 5m, null, []);
        var twelve = XmrChart.Compute(Monthly("5 6 5 6 5 6 5 6 5 6 5 6"), Polarity.HigherIsBetter, 5m, null, []);

        Assert.True(eleven.InsufficientData);
        Assert.Equal((11, (decimal?)null), (eleven.Segments.Single().Points, eleven.Segments.Single().Mean));
        Assert.All(eleven.Points, p => Assert.Null(p.PointType));
        Assert.Null(eleven.Variation);
        Assert.False(twelve.InsufficientData);
        Assert.Equal(5.5m, twelve.Segments.Single().Mean);
        Assert.Equal(Variation.CommonCause, twelve.Variation);
    }

    [Fact]
    public void ABaselineFixesTheLimitsOnTheFirstPointsAndTheLaterPointsAreReadAgainstThem()
    {
        // Twelve stable points, then eight far higher: fixed on the first twelve, the eight are outside.
        var chart = XmrChart.Compute(Monthly("5 6 5 6 5 6 5 6 5 6 5 6 20 21 20 21 20 21 20 21"), Polarity.LowerIsBetter, 5m, 12, []);

        Assert.Equal((5.5m, 12), (chart.Segments[0].Mean!.Value, chart.Segments[0].BaselinePoints));
        Assert.All(chart.Points.Skip(12), p => Assert.Equal((PointType.Concern, SpecialCauseRule.OutsideLimits), (p.PointType!.Value, p.Rule!.Value)));
        Assert.Equal(Variation.ConcernHigh, chart.Variation);
    }

    [Fact]
    public void ARecalculationStartsASegmentWithItsOwnLimitsEvenFromAPeriodWithoutAFigure()
    {
        var series = Monthly("5 6 5 6 5 6 5 6 5 6 5 6 20 21 20 21 20 21 20 21 20 21 20 21");
        series.RemoveAt(12);

        var chart = XmrChart.Compute(series, Polarity.HigherIsBetter, 20m, null, [Period.Parse("2021-04", Frequency.Monthly)]);

        Assert.Equal(2, chart.Segments.Count);
        Assert.Equal(("2020-04", "2021-03", 5.5m), (chart.Segments[0].From, chart.Segments[0].To, chart.Segments[0].Mean!.Value));
        Assert.Equal(("2021-05", 11), (chart.Segments[1].From, chart.Segments[1].Points));
        // The new segment is too short for limits: the answer says so.
        Assert.True(chart.InsufficientData);
    }

    [Theory]
    [InlineData(Polarity.HigherIsBetter, 10, Assurance.ConsistentlyFail)]
    [InlineData(Polarity.HigherIsBetter, 1, Assurance.ConsistentlyPass)]
    [InlineData(Polarity.HigherIsBetter, 5.5, Assurance.HitAndMiss)]
    [InlineData(Polarity.LowerIsBetter, 10, Assurance.ConsistentlyPass)]
    [InlineData(Polarity.LowerIsBetter, 1, Assurance.ConsistentlyFail)]
    [InlineData(Polarity.LowerIsBetter, 5.5, Assurance.HitAndMiss)]
    public void AssuranceComparesTheTargetWithTheLatestLimits(Polarity polarity, double target, Assurance expected)
    {
        // Mean 5.5, mean range 1: limits 2.84 and 8.16.
        var chart = XmrChart.Compute(Monthly("5 6 5 6 5 6 5 6 5 6 5 6"), polarity, (decimal)target, null, []);

        Assert.Equal(expected, chart.Assurance);
    }

    [Fact]
    public void AFlatBaselineHasNoSpreadAndSoNoLimits()
    {
        // A year at 100%: every moving range is 0, and as NHSRplotthedots (whose screening then leaves
        // no range at all) there are no limits, so no point is called special.
        var chart = XmrChart.Compute(Monthly("100 100 100 100 100 100 100 100 100 100 100 100"), Polarity.HigherIsBetter, 100m, null, []);

        Assert.Null(chart.Segments.Single().Mean);
        Assert.All(chart.Points, p => Assert.Null(p.PointType));
        Assert.Null(chart.Variation);
    }

    [Fact]
    public void WithoutATargetThereIsNoAssurance() =>
        Assert.Null(XmrChart.Compute(Monthly("5 6 5 6 5 6 5 6 5 6 5 6"), Polarity.HigherIsBetter, null, null, []).Assurance);
}
