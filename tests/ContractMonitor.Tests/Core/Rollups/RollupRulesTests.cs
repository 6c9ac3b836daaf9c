using System.Globalization;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Rollups;

namespace ContractMonitor.Tests.Core.Rollups;

/// <summary>Issue 18: how Q1 2016-17 (April to June 2016) is worked out from its months, for each rollup.</summary>
public sealed class RollupRulesTests
{
    private static readonly Period Q1 = Period.Parse("2016-17-Q1", Frequency.Quarterly);
    private static readonly Period[] Months = [.. Period.Between(Frequency.Monthly, Q1.Start, Q1.End)];

    /// <summary>Each month as "value/denominator", "value" without a denominator, or "-" for no figure.</summary>
    private static Dictionary<Period, FigureToRate> Figures(string months) => months.Split(' ')
        .Select((text, i) => (Month: Months[i], Text: text))
        .Where(m => m.Text != "-")
        .ToDictionary(m => m.Month, m =>
        {
            var parts = m.Text.Split('/');
            return new FigureToRate(m.Month, 1, decimal.Parse(parts[0], CultureInfo.InvariantCulture),
                parts.Length > 1 ? decimal.Parse(parts[1], CultureInfo.InvariantCulture) : null, false);
        });

    [Theory]
    // Weighted by denominators: (40×100 + 30×50 + 50×50) / 200.
    [InlineData(MeasureUnit.Percent, null, 1, "40/100 30/50 50/50", "40.0", Rollup.NumeratorOverDenominator, 3, null)]
    [InlineData(MeasureUnit.Percent, Rollup.NumeratorOverDenominator, 1, "40/100 30/50 50/50", "40.0", Rollup.NumeratorOverDenominator, 3, null)]
    // A missing month: the months there are, and the quarter says it is incomplete.
    [InlineData(MeasureUnit.Percent, null, 1, "40/100 30/50 -", "36.7", Rollup.NumeratorOverDenominator, 2, "Incomplete: no figure for 2016-06.")]
    // A rate per 10,000: 25 in 20,000 and 10 in 10,000 are 35 in 30,000, whatever the "per".
    [InlineData(MeasureUnit.Rate, null, 2, "12.5/20000 10/10000 -", "11.67", Rollup.NumeratorOverDenominator, 2, "Incomplete: no figure for 2016-06.")]
    // No denominator to weight by: the default shows the latest figure, a chosen rollup the mean, and both say so.
    [InlineData(MeasureUnit.Percent, null, 0, "40/100 30 50/50", "50", Rollup.Latest, 3, "2016-05 has no denominator, so the latest figure is shown.")]
    [InlineData(MeasureUnit.Percent, Rollup.NumeratorOverDenominator, 0, "40/100 30 50/50", "40", Rollup.Mean, 3, "2016-05 has no denominator, so the figures' mean is shown.")]
    [InlineData(MeasureUnit.Count, Rollup.Sum, 0, "3 4 5", "12", Rollup.Sum, 3, null)]
    [InlineData(MeasureUnit.Count, Rollup.Sum, 0, "3 - 5", "8", Rollup.Sum, 2, "Incomplete: no figure for 2016-05.")]
    [InlineData(MeasureUnit.Days, Rollup.Mean, 0, "10 20 25", "18", Rollup.Mean, 3, null)]
    [InlineData(MeasureUnit.Days, Rollup.Mean, 1, "10 20 25", "18.3", Rollup.Mean, 3, null)]
    // Snapshots: the last month there is.
    [InlineData(MeasureUnit.Number, null, 0, "5 6 -", "6", Rollup.Latest, 2, "Incomplete: no figure for 2016-06.")]
    [InlineData(MeasureUnit.Number, Rollup.Latest, 0, "5 6 7", "7", Rollup.Latest, 3, null)]
    // Rounded to the measure's decimals, half away from zero, as a figure is shown.
    [InlineData(MeasureUnit.Days, Rollup.Mean, 0, "2 3 -", "3", Rollup.Mean, 2, "Incomplete: no figure for 2016-06.")]
    [InlineData(MeasureUnit.Count, Rollup.Sum, 0, "- - -", null, Rollup.Sum, 0, "Incomplete: no figure for 2016-04, 2016-05, 2016-06.")]
    public void AQuarterIsWorkedOutFromItsMonths(
        MeasureUnit unit, Rollup? chosen, int decimals, string months, string? expected, Rollup method, int partsIn, string? note)
    {
        var rolled = RollupRules.Roll(Q1, chosen, unit, decimals, Months, Figures(months));

        Assert.Equal((expected is null ? (decimal?)null : decimal.Parse(expected, CultureInfo.InvariantCulture), method, partsIn, 3, note),
            (rolled.Value, rolled.Method, rolled.PartsIn, rolled.PartsOwed, rolled.Note));
        Assert.Equal(partsIn == 3, rolled.Complete);
    }

    [Theory]
    [InlineData(MeasureUnit.Percent, Rollup.NumeratorOverDenominator)]
    [InlineData(MeasureUnit.Rate, Rollup.NumeratorOverDenominator)]
    [InlineData(MeasureUnit.Count, Rollup.Latest)]
    [InlineData(MeasureUnit.Days, Rollup.Latest)]
    [InlineData(MeasureUnit.Number, Rollup.Latest)]
    public void EachUnitHasADefault(MeasureUnit unit, Rollup expected) => Assert.Equal(expected, RollupRules.DefaultFor(unit));

    private static Measure Percent(Rollup? rollup = null) => new(1, 1, "A1", "Seen in time", "", "", MeasureUnit.Percent, Polarity.HigherIsBetter,
        Frequency.Monthly, 1, Period.Parse("2016-04", Frequency.Monthly), rollup);

    private static readonly ContractTerms Contract = new(new DateOnly(2016, 4, 1), null, 15, 10, new DateOnly(2016, 4, 1));

    private static readonly Dictionary<int, TargetVersion> Targets = new() { [2016] = new TargetVersion(2016, 1, 60m, 55m) };

    [Theory]
    // Q1 complete at 40 %: failing against 2016-17's 60/55.
    [InlineData("40/100 40/100 40/100", "2016-08-01", Rating.Failing, false)]
    // Q1 with June missing and past due: rated on April and May, and indicative.
    [InlineData("60/100 60/100 -", "2016-08-01", Rating.OnTarget, true)]
    // Q1 with no figure: Pending while June is not yet due, Missing after.
    [InlineData("- - -", "2016-07-10", Rating.Pending, false)]
    [InlineData("- - -", "2016-08-01", Rating.Missing, false)]
    // A small cohort (a denominator of 9 against 10) is indicative too.
    [InlineData("60/3 60/3 60/3", "2016-08-01", Rating.OnTarget, true)]
    public void AQuarterIsRatedAgainstTheTargetForItsYearAndIndicativeWhenIncomplete(string months, string today, Rating rating, bool indicative)
    {
        var rolled = RolledSeries.Rate(Percent(), Contract, Figures(months), Targets, DateOnly.Parse(today, CultureInfo.InvariantCulture), [Q1]).Single();

        Assert.Equal((rating, indicative, 60m, 55m), (rolled.Rated.Rating, rolled.Indicative, rolled.Rated.Target, rolled.Rated.Tolerance));
    }

    [Fact]
    public void AQuartersDirectionIsAgainstTheQuarterBefore()
    {
        var q2 = Q1.Next();
        var figures = Figures("40/100 40/100 40/100");
        foreach (var month in Period.Between(Frequency.Monthly, q2.Start, q2.End))
        {
            figures[month] = new FigureToRate(month, 1, 50m, 100m, false);
        }

        var rolled = RolledSeries.Rate(Percent(), Contract, figures, Targets, new DateOnly(2016, 11, 1), [Q1, q2]);

        Assert.Equal([null, Direction.Improving], rolled.Select(r => r.Rated.Direction));
        Assert.Equal([40.0m, 50.0m], rolled.Select(r => r.Rated.Value));
    }

    [Fact]
    public void QuartersBeforeTheContractOrTheMeasureStartOweNothing()
    {
        var late = new ContractTerms(new DateOnly(2016, 5, 1), null, 15, 10, new DateOnly(2016, 5, 1));

        var rolled = RolledSeries.Rate(Percent(), late, Figures("- 60/100 60/100"), Targets, new DateOnly(2016, 8, 1), [Q1]).Single();

        Assert.Equal((2, 2, false), (rolled.Figure.PartsIn, rolled.Figure.PartsOwed, rolled.Indicative));
    }
}
