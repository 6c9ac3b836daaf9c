using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Spc;

namespace ContractMonitor.Tests.Core.Spc;

/// <summary>
/// Issue 19: the same answers as a reference implementation. The NHS-R community's NHSRplotthedots
/// (https://github.com/nhs-r-community/NHSRplotthedots, release 0.2.0, commit 050b07d) publishes
/// the "Making Data Count" method as R with its tests. The series and expected figures below are
/// that package's own:
/// - tests/testthat/test-ptd_spc_standard.R, "it returns expected values": <c>set.seed(123);
///   rnorm(20)</c>, whose limits tests/testthat/_snaps/ptd_spc_standard.md records (r1), and the same
///   series with its 15th value set to 10, screened (r2); _snaps/ptd_spc.md counts 20 common-cause
///   points for r1;
/// - tests/testthat/test-ptd_spc_standard.R, "it only reports special cause for 2of3 points close to
///   limits when they are on the same side of the mean";
/// - tests/testthat/test-ptd_calculate_point_type.R, the trend and run cases.
/// </summary>
public sealed class PlotTheDotsReferenceTests
{
    /// <summary>R 4's <c>set.seed(123); rnorm(20)</c>, as the snapshot's first values show them.</summary>
    private const string Rnorm20 =
        "-0.56047565 -0.23017749 1.55870831 0.07050839 0.12928774 1.71506499 0.46091621 -1.26506123 -0.68685285 -0.44566197 " +
        "1.22408180 0.35981383 0.40077145 0.11068272 -0.55584113 1.78691314 0.49785048 -1.96661716 0.70135590 -0.47279141";

    [Fact]
    public void Rnorm20HasTheSnapshotsLimitsAndOnlyCommonCause()
    {
        var chart = XmrChart.Compute(XmrChartTests.Monthly(Rnorm20), Polarity.HigherIsBetter, null, null, []);

        var segment = chart.Segments.Single();
        // mean_col 0.1416238, lpl -3.01138, upl 3.294627
        Assert.Equal((0.1416m, -3.0114m, 3.2946m),
            (Math.Round(segment.Mean!.Value, 4), Math.Round(segment.LowerLimit!.Value, 4), Math.Round(segment.UpperLimit!.Value, 4)));
        Assert.All(chart.Points, p => Assert.Equal(PointType.CommonCause, p.PointType));
        Assert.Equal(Variation.CommonCause, chart.Variation);
    }

    [Fact]
    public void Rnorm20WithAnOutlierIsScreenedToTheSnapshotsLimitsAndFlagsOnlyTheOutlier()
    {
        var values = Rnorm20.Split(' ');
        values[14] = "10";

        var chart = XmrChart.Compute(XmrChartTests.Monthly(string.Join(' ', values)), Polarity.HigherIsBetter, null, null, []);

        var segment = chart.Segments.Single();
        // mean_col 0.6694159, lpl -2.383666, upl 3.722497 (with screen_outliers = TRUE)
        Assert.Equal((0.6694m, -2.3837m, 3.7225m),
            (Math.Round(segment.Mean!.Value, 4), Math.Round(segment.LowerLimit!.Value, 4), Math.Round(segment.UpperLimit!.Value, 4)));
        var flagged = chart.Points.Select((p, i) => (p, i)).Where(x => x.p.PointType != PointType.CommonCause).ToList();
        Assert.Equal([(14, SpecialCauseRule.OutsideLimits, PointType.Improvement)],
            flagged.Select(x => (x.i, x.p.Rule!.Value, x.p.PointType!.Value)));
    }

    [Fact]
    public void TwoPointsNearOppositeLimitsAreNoSignal()
    {
        // data = rep(c(1, -1), times = 8); data[15] = 5.5; data[16] = -5.5; the last two are common_cause.
        var values = Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? "1" : "-1").ToArray();
        values[14] = "5.5";
        values[15] = "-5.5";

        var chart = XmrChart.Compute(XmrChartTests.Monthly(string.Join(' ', values)), Polarity.HigherIsBetter, null, null, []);

        Assert.Equal([PointType.CommonCause, PointType.CommonCause], chart.Points.TakeLast(2).Select(p => p.PointType!.Value));
    }

    [Theory]
    // ptd_seven_point_trend(c(2, 1:7, 3)) ends a trend at the 8th point: the 2nd to 8th are part of it.
    [InlineData("2 1 2 3 4 5 6 7 3", ".ttttttt.")]
    // ptd_seven_point_trend(c(2, 7:1, 3)): the same, falling.
    [InlineData("2 7 6 5 4 3 2 1 3", ".ttttttt.")]
    // ptd_seven_point_trend(c(1:3, 3:6)): a repeated value, no trend.
    [InlineData("1 2 3 3 4 5 6", ".......")]
    public void TrendsAreTheOnesThePackageFinds(string series, string expected)
    {
        // Limits wide enough that only the trend rule can speak; the mean far below, so no shift either way.
        var limits = new XmrChart.Limits(4m, -100m, 108m, -68m, 76m, 20);
        var types = XmrChart.Classify(series.Split(' ').Select(decimal.Parse).ToList(), limits, Polarity.HigherIsBetter);

        Assert.Equal(expected, string.Concat(types.Select(t => t.Rule == SpecialCauseRule.Trend ? "t" : ".")));
    }
}
