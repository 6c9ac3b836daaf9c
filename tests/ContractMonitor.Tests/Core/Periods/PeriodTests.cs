using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace ContractMonitor.Tests.Core.Periods;

public sealed class PeriodTests
{
    [Theory]
    [InlineData("2016-07", Frequency.Monthly, "2016-07-01", "2016-07-31")]
    [InlineData("2017-02", Frequency.Monthly, "2017-02-01", "2017-02-28")]
    [InlineData("2016-02", Frequency.Monthly, "2016-02-01", "2016-02-29")]
    [InlineData("2016-12", Frequency.Monthly, "2016-12-01", "2016-12-31")]
    [InlineData("2016-17-Q1", Frequency.Quarterly, "2016-04-01", "2016-06-30")]
    [InlineData("2016-17-Q2", Frequency.Quarterly, "2016-07-01", "2016-09-30")]
    [InlineData("2016-17-Q3", Frequency.Quarterly, "2016-10-01", "2016-12-31")]
    [InlineData("2016-17-Q4", Frequency.Quarterly, "2017-01-01", "2017-03-31")]
    [InlineData("1999-00-Q4", Frequency.Quarterly, "2000-01-01", "2000-03-31")]
    [InlineData("2016-17", Frequency.Annual, "2016-04-01", "2017-03-31")]
    [InlineData("1999-00", Frequency.Annual, "1999-04-01", "2000-03-31")]
    public void ParsesPrintsAndSpansTheRightDays(string text, Frequency frequency, string start, string end)
    {
        Assert.True(Period.TryParse(text, frequency, out var period, out var error), error);

        Assert.Equal(frequency, period.Frequency);
        Assert.Equal(Date(start), period.Start);
        Assert.Equal(Date(end), period.End);
        Assert.Equal(text, period.ToString());
    }

    [Theory]
    [InlineData("2016-07", Frequency.Monthly)]
    [InlineData("2016-17-Q1", Frequency.Quarterly)]
    [InlineData("2016-17", Frequency.Annual)]
    [InlineData("2011-12", Frequency.Monthly)] // both a month and a year: read as the month without a frequency
    public void ReadsAnyFormWithoutAFrequency(string text, Frequency frequency)
    {
        Assert.True(Period.TryParse(text, out var period));
        Assert.Equal(frequency, period.Frequency);
    }

    [Theory]
    [InlineData("2011-12", Frequency.Monthly, "2011-12-01")]
    [InlineData("2011-12", Frequency.Annual, "2011-04-01")]
    public void ATextThatIsBothAMonthAndAYearReadsAsTheMeasuresFrequency(string text, Frequency frequency, string start)
    {
        Assert.True(Period.TryParse(text, frequency, out var period, out _));
        Assert.Equal(Date(start), period.Start);
    }

    [Theory]
    [InlineData("2016-13")]
    [InlineData("2016-00")]
    [InlineData("2016-7")]
    [InlineData("16-07")]
    [InlineData("2016/07")]
    [InlineData("July 2016")]
    [InlineData("2016-07-01")]
    [InlineData("2016-17-Q5")]
    [InlineData("2016-17-Q0")]
    [InlineData("2016-18-Q1")]
    [InlineData("2016-17-q1")]
    [InlineData("2016-17Q1")]
    [InlineData("2016-18")]
    [InlineData("1899-12")]
    [InlineData("9999-01")]
    [InlineData(" 2016-07")]
    [InlineData("")]
    [InlineData(null)]
    public void RefusesAnythingElseShowingTheAcceptedForms(string? text)
    {
        Assert.False(Period.TryParse(text, out _));
        Assert.False(Period.TryParse(text, Frequency.Monthly, out _, out var error));
        Assert.Contains("2016-07", error, StringComparison.Ordinal);
        Assert.Contains("2016-17-Q1", error, StringComparison.Ordinal);
        Assert.Contains("2016-17", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2016-17-Q1", Frequency.Monthly, "is a quarter, but this measure is reported monthly")]
    [InlineData("2016-07", Frequency.Quarterly, "is a month, but this measure is reported quarterly")]
    [InlineData("2016-17", Frequency.Monthly, "is a financial year, but this measure is reported monthly")]
    [InlineData("2016-07", Frequency.Annual, "is a month, but this measure is reported annually")]
    public void APeriodOfAnotherFrequencySaysWhichItIs(string text, Frequency frequency, string expected)
    {
        Assert.False(Period.TryParse(text, frequency, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Frequency.Monthly, "2016-03-31", "2016-03")]
    [InlineData(Frequency.Monthly, "2016-04-01", "2016-04")]
    [InlineData(Frequency.Quarterly, "2016-04-01", "2016-17-Q1")]
    [InlineData(Frequency.Quarterly, "2016-12-31", "2016-17-Q3")]
    [InlineData(Frequency.Quarterly, "2017-01-01", "2016-17-Q4")]
    [InlineData(Frequency.Quarterly, "2017-03-31", "2016-17-Q4")]
    [InlineData(Frequency.Quarterly, "2017-04-01", "2017-18-Q1")]
    [InlineData(Frequency.Annual, "2017-03-31", "2016-17")]
    [InlineData(Frequency.Annual, "2017-04-01", "2017-18")]
    public void ThePeriodContainingADate(Frequency frequency, string date, string expected) =>
        Assert.Equal(expected, Period.Containing(frequency, Date(date)).ToString());

    [Theory]
    [InlineData("2016-12", Frequency.Monthly, "2017-01", "2016-11")]
    [InlineData("2017-01", Frequency.Monthly, "2017-02", "2016-12")]
    [InlineData("2016-17-Q4", Frequency.Quarterly, "2017-18-Q1", "2016-17-Q3")]
    [InlineData("2016-17-Q1", Frequency.Quarterly, "2016-17-Q2", "2015-16-Q4")]
    [InlineData("2016-17", Frequency.Annual, "2017-18", "2015-16")]
    [InlineData("1999-00", Frequency.Annual, "2000-01", "1998-99")]
    public void NextAndPreviousCrossYearBoundaries(string text, Frequency frequency, string next, string previous)
    {
        var period = Period.Parse(text, frequency);
        Assert.Equal(next, period.Next().ToString());
        Assert.Equal(previous, period.Previous().ToString());
    }

    [Theory]
    [InlineData("2016-07", Frequency.Monthly, 15, "2016-08-15")]
    [InlineData("2016-17-Q4", Frequency.Quarterly, 15, "2017-04-15")]
    [InlineData("2016-17-Q3", Frequency.Quarterly, 0, "2016-12-31")]
    [InlineData("2016-17", Frequency.Annual, 30, "2017-04-30")]
    [InlineData("2016-01", Frequency.Monthly, 29, "2016-02-29")]
    public void ADueDateIsReturnDueDaysAfterThePeriodEnds(string text, Frequency frequency, int days, string due) =>
        Assert.Equal(Date(due), Period.Parse(text, frequency).DueDate(days));

    [Theory]
    [InlineData(Frequency.Monthly, "2016-11-15", "2017-02-01", "2016-11,2016-12,2017-01,2017-02")]
    [InlineData(Frequency.Quarterly, "2016-12-31", "2017-04-01", "2016-17-Q3,2016-17-Q4,2017-18-Q1")]
    [InlineData(Frequency.Annual, "2016-03-31", "2016-04-01", "2015-16,2016-17")]
    [InlineData(Frequency.Monthly, "2016-07-10", "2016-07-20", "2016-07")]
    [InlineData(Frequency.Monthly, "2016-07-20", "2016-07-10", "")]
    public void PeriodsBetweenTwoDatesAreThoseThatOverlapThem(Frequency frequency, string from, string to, string expected) =>
        Assert.Equal(expected, string.Join(",", Period.Between(frequency, Date(from), Date(to))));

    [Theory]
    [InlineData("2016-03", false)]
    [InlineData("2016-04", true)]
    [InlineData("2019-03", true)]
    [InlineData("2019-04", false)]
    public void OverlapsAContractTerm(string month, bool expected) =>
        Assert.Equal(expected, Period.Parse(month, Frequency.Monthly).Overlaps(Date("2016-04-01"), Date("2019-03-31")));

    [Fact]
    public void PeriodsOfOneFrequencyOrderByTime()
    {
        string[] texts = ["2017-01", "2016-12", "2016-04"];
        var sorted = texts.Select(t => Period.Parse(t, Frequency.Monthly)).Order().Select(p => p.ToString());
        Assert.Equal(["2016-04", "2016-12", "2017-01"], sorted);
    }

    [Fact]
    public void StepsBeyondTheSupportedYearsAreRefused()
    {
        Assert.Throws<InvalidOperationException>(() => Period.Month(Period.MinYear, 1).Previous());
        Assert.Throws<InvalidOperationException>(() => Period.Year(new FinancialYear(Period.MaxYear)).Next());
    }

    private static readonly Gen<Period> AnyPeriod = Gen.OneOf(
        from year in Gen.Choose(Period.MinYear, Period.MaxYear)
        from month in Gen.Choose(1, 12)
        select Period.Month(year, month),
        from year in Gen.Choose(Period.MinYear, Period.MaxYear)
        from quarter in Gen.Choose(1, 4)
        select Period.Quarter(new FinancialYear(year), quarter),
        Gen.Choose(Period.MinYear, Period.MaxYear).Select(y => Period.Year(new FinancialYear(y))));

    private static readonly Gen<Period> InnerPeriod = AnyPeriod.Where(p =>
        p.Start.Year > Period.MinYear + 1 && p.FinancialYear.StartYear < Period.MaxYear - 1);

    [Fact]
    public void PrintThenParseIsTheIdentity() => Properties.Check(Prop.ForAll(AnyPeriod.ToArbitrary(), p =>
        Period.TryParse(p.ToString(), p.Frequency, out var parsed, out _) && parsed == p));

    [Fact]
    public void PreviousOfNextAndNextOfPreviousAreThePeriodItself() => Properties.Check(Prop.ForAll(InnerPeriod.ToArbitrary(), p =>
        p.Next().Previous() == p && p.Previous().Next() == p));

    [Fact]
    public void ConsecutivePeriodsTileTheCalendar() => Properties.Check(Prop.ForAll(InnerPeriod.ToArbitrary(), p =>
        p.Next().Start == p.End.AddDays(1) && p.Start <= p.End && Period.Containing(p.Frequency, p.Start) == p
        && Period.Containing(p.Frequency, p.End) == p));

    [Fact]
    public void EveryPeriodLiesInsideOneFinancialYear() => Properties.Check(Prop.ForAll(AnyPeriod.ToArbitrary(), p =>
        p.FinancialYear.Start <= p.Start && p.End <= p.FinancialYear.End));

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
