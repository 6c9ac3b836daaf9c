using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;

namespace ContractMonitor.Tests.Core.Returns;

public sealed class ReturnRulesTests
{
    private static readonly Contract Contract = new(1, "REF", "Care", "council", "trust",
        new DateOnly(2016, 4, 1), new DateOnly(2019, 3, 31), 15, 10, new ContractPolicy(2, 2, 3, []), new DateOnly(2016, 4, 1));

    private static readonly Dictionary<string, Measure> Measures = new()
    {
        ["P1"] = Measure(1, "P1", MeasureUnit.Percent, 1),
        ["P0"] = Measure(2, "P0", MeasureUnit.Percent, 0),
        ["D2"] = Measure(3, "D2", MeasureUnit.Days, 2),
    };

    private static readonly DateOnly Today = new(2017, 1, 10);

    private static Measure Measure(long id, string code, MeasureUnit unit, int decimals) =>
        new(id, 1, code, code, "", "", unit, Polarity.HigherIsBetter, Frequency.Monthly, decimals, Period.Month(2016, 4));

    private static ReturnCheck Check(params ReturnRowRequest?[] rows) => ReturnRules.Check(rows, Contract, Measures, Today, i => $"returns[{i}]");

    [Theory]
    [InlineData("P1", "0", null, null)]
    [InlineData("P1", "100", null, null)]
    [InlineData("P1", "33.3", "1", "3")]
    [InlineData("P1", "66.7", "2", "3")]
    [InlineData("P0", "13", "1", "8")] // 12.5 rounds away from zero, as a spreadsheet's ROUND does
    [InlineData("P0", "0", "0", "5")]
    [InlineData("P0", "100", "5", "5")]
    [InlineData("D2", "4.25", "17", "4")] // only percentages must agree with their fraction
    [InlineData("D2", "99", "1", "1000")]
    public void FiguresAtTheEdgesAreAccepted(string code, string value, string? numerator, string? denominator)
    {
        var check = Check(new ReturnRowRequest(code, "2016-12", D(value), D(numerator), D(denominator), null));
        Assert.True(check.IsValid, string.Join("; ", check.Errors.SelectMany(e => e.Value)));
    }

    [Theory]
    [InlineData("P0", "12", "1", "8", "returns[0].value")]
    [InlineData("P1", "33.4", "1", "3", "returns[0].value")]
    [InlineData("D2", "1", "0", "-1", "returns[0].denominator")]
    [InlineData("D2", "1", "1234567890123.5", "1", "returns[0].numerator")]
    public void FiguresJustOverTheEdgesAreRefused(string code, string value, string? numerator, string? denominator, string key)
    {
        var check = Check(new ReturnRowRequest(code, "2016-12", D(value), D(numerator), D(denominator), null));
        Assert.Equal([key], check.Errors.Keys);
        Assert.Empty(check.Rows);
    }

    [Theory]
    [InlineData("2017-01", true)] // begun today or earlier
    [InlineData("2017-02", false)]
    [InlineData("2016-04", true)]
    [InlineData("2016-03", false)]
    public void APeriodMustBeInTheTermAndBegun(string period, bool accepted) =>
        Assert.Equal(accepted, Check(new ReturnRowRequest("P1", period, 1, null, null, null)).IsValid);

    [Fact]
    public void RowsAreTrimmedAndNormalised()
    {
        var row = Assert.Single(Check(new ReturnRowRequest(" p1 ", " 2016-12 ", 61.5m, null, null, "  Better.  ")).Rows);
        Assert.Equal(("P1", "2016-12", "Better."), (row.Measure.Code, row.Period.ToString(), row.Commentary));
        Assert.Null(Assert.Single(Check(new ReturnRowRequest("P1", "2016-12", 1, null, null, "   ")).Rows).Commentary);
    }

    [Fact]
    public void OneBadRowLeavesNoRowToStoreAndEveryProblemIsNamed()
    {
        var check = Check(
            new ReturnRowRequest("P1", "2016-12", 50, null, null, null),
            new ReturnRowRequest("XX", "2016-13", null, 1, null, new string('x', 4001)),
            new ReturnRowRequest("p1", "2016-12", 51, null, null, null));

        Assert.Empty(check.Rows);
        Assert.Equal(
            ["returns[1].commentary", "returns[1].denominator", "returns[1].measureCode", "returns[1].period", "returns[1].value", "returns[2].period"],
            check.Errors.Keys.Order());
        Assert.Contains("already in returns[0]", check.Errors["returns[2].period"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameBatchWrittenDifferentlyHasTheSameFingerprint()
    {
        ReturnRowRequest[] one = [new("a1", "2016-07", 61.50m, 123.0m, 200m, "Claim. ")];
        ReturnRowRequest[] same = [new(" A1", " 2016-07", 61.5m, 123m, 200.000m, "Claim.")];
        ReturnRowRequest[] other = [new("A1", "2016-07", 61.6m, 123m, 200m, "Claim.")];

        Assert.Equal(ReturnStore.RequestHash(1, one), ReturnStore.RequestHash(1, same));
        Assert.NotEqual(ReturnStore.RequestHash(1, one), ReturnStore.RequestHash(1, other));
        Assert.NotEqual(ReturnStore.RequestHash(1, one), ReturnStore.RequestHash(2, one));
    }

    private static decimal? D(string? text) => text is null ? null : decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
