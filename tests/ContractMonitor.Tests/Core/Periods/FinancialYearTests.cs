using ContractMonitor.Core.Periods;

namespace ContractMonitor.Tests.Core.Periods;

public sealed class FinancialYearTests
{
    [Theory]
    [InlineData("2016-17", 2016)]
    [InlineData("1999-00", 1999)]
    [InlineData("2099-00", 2099)]
    public void ParsesAndPrintsTheSameText(string text, int startYear)
    {
        Assert.True(FinancialYear.TryParse(text, out var year));
        Assert.Equal(startYear, year.Value.StartYear);
        Assert.Equal(text, year.Value.ToString());
    }

    [Theory]
    [InlineData("2016-18")]
    [InlineData("2016-16")]
    [InlineData("2016")]
    [InlineData("2016/17")]
    [InlineData("16-17")]
    [InlineData(" 2016-17")]
    [InlineData("2016-2017")]
    [InlineData("+016-17")]
    [InlineData("")]
    [InlineData(null)]
    public void RefusesAnythingElse(string? text) => Assert.False(FinancialYear.TryParse(text, out _));

    [Theory]
    [InlineData("2016-04-01", 2016)]
    [InlineData("2017-03-31", 2016)]
    [InlineData("2017-01-15", 2016)]
    [InlineData("2016-03-31", 2015)]
    public void YearContainingADateStartsOnTheFirstOfApril(string date, int startYear) =>
        Assert.Equal(startYear, FinancialYear.Containing(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)).StartYear);

    [Fact]
    public void RunsFromAprilToMarch()
    {
        var year = new FinancialYear(2016);
        Assert.Equal((new DateOnly(2016, 4, 1), new DateOnly(2017, 3, 31)), (year.Start, year.End));
    }

    [Theory]
    [InlineData("2016-10-01", null, true)]
    [InlineData("2017-03-31", null, true)]
    [InlineData("2017-04-01", null, false)]
    [InlineData("2014-04-01", "2016-03-31", false)]
    [InlineData("2014-04-01", "2016-04-01", true)]
    public void OverlapsATermWhenAnyDayIsShared(string from, string? to, bool overlaps)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(overlaps, new FinancialYear(2016).Overlaps(
            DateOnly.Parse(from, culture), to is null ? null : DateOnly.Parse(to, culture)));
    }
}
