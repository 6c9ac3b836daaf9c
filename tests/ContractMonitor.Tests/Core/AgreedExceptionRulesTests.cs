using ContractMonitor.Contracts.Exceptions;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Exceptions;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Tests.Core;

/// <summary>Issue 20: when an agreed exception holds, what it does to a series, and what was known of it when.</summary>
public sealed class AgreedExceptionRulesTests
{
    private static readonly DateTimeOffset Agreed = new(2026, 6, 20, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Extended = new(2026, 9, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Ended = new(2026, 10, 5, 9, 0, 0, TimeSpan.Zero);

    private static readonly AgreedException Exception = new(1, 1, 1, "A1", "Merger.", June, June, new DateOnly(2026, 6, 20),
        new DateOnly(2026, 12, 31), new DateOnly(2026, 10, 5),
        [
            new ExceptionStep(ExceptionEventType.Agreed, new DateOnly(2026, 9, 30), null, "carol", Agreed),
            new ExceptionStep(ExceptionEventType.Extended, new DateOnly(2026, 12, 31), "Slipped.", "carol", Extended),
            new ExceptionStep(ExceptionEventType.Ended, new DateOnly(2026, 12, 31), "Done.", "carol", Ended),
        ]);

    private static Period June => Period.Parse("2026-06", Frequency.Monthly);

    [Theory]
    [InlineData("2026-06-19", false)] // before it was agreed
    [InlineData("2026-06-20", true)]
    [InlineData("2026-10-04", true)]
    [InlineData("2026-10-05", false)] // ended that day
    public void ItHoldsFromTheDayItIsAgreedUntilTheDayItEnds(string day, bool holds) =>
        Assert.Equal(holds, Exception.HoldsOn(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void WhatWasKnownOfItIsItsStepsRecordedByThen()
    {
        Assert.Null(Exception.AsKnownAt(Agreed));
        var agreed = Exception.AsKnownAt(Agreed.AddTicks(1))!;
        var extended = Exception.AsKnownAt(Extended.AddDays(1))!;
        var ended = Exception.AsKnownAt(Ended.AddDays(1))!;

        Assert.Equal((new DateOnly(2026, 9, 30), (DateOnly?)null), (agreed.Until, agreed.EndedOn));
        Assert.Equal((new DateOnly(2026, 12, 31), (DateOnly?)null), (extended.Until, extended.EndedOn));
        Assert.Equal(new DateOnly(2026, 10, 5), ended.EndedOn);
        Assert.Equal(ExceptionStatus.Holding, extended.StatusOn(new DateOnly(2026, 10, 20)));
        Assert.Equal(ExceptionStatus.Ended, ended.StatusOn(new DateOnly(2026, 10, 20)));
    }

    [Fact]
    public void WhileItHoldsABadPeriodFromItsStartIsAGapAndEveryOtherSignalStands()
    {
        var may = Period.Parse("2026-05", Frequency.Monthly);
        (Period, Signal)[] series = [(may, Signal.Bad), (June, Signal.Bad), (June.Next(), Signal.Good), (June.Next().Next(), Signal.Bad)];

        Assert.Equal([(may, Signal.Bad), (June, Signal.Gap), (June.Next(), Signal.Good), (June.Next().Next(), Signal.Gap)],
            AgreedException.Hold(series, June));
        Assert.Equal(series, AgreedException.Hold(series, null));
    }
}
