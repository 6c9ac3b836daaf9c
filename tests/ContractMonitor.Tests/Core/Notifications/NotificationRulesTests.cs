using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Tests.Core.Notifications;

public sealed class NotificationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 20, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)] // 64 minutes, capped at an hour
    public void RetriesBackOffExponentiallyUpToAnHour(int attempts, int minutes) =>
        Assert.Equal(Now.AddMinutes(minutes), NotificationRules.NextAttempt(attempts, Now));

    [Fact]
    public void AfterTheLastAttemptThereIsNoOther() =>
        Assert.Null(NotificationRules.NextAttempt(NotificationRules.MaxAttempts, Now));

    [Theory]
    [InlineData(EscalationEventType.Raised, true)]
    [InlineData(EscalationEventType.Escalated, true)]
    [InlineData(EscalationEventType.Reopened, true)]
    [InlineData(EscalationEventType.Resolved, true)]
    [InlineData(EscalationEventType.Recovering, false)]
    [InlineData(EscalationEventType.Acknowledged, false)]
    public void OnlyChangesThatNeedTheChairsAreEmailed(EscalationEventType type, bool emailed) =>
        Assert.Equal(emailed, NotificationRules.IsEmailed(type));

    /// <summary>
    /// A new record replayed from letters, one per month from April 2026 (F failing, g good), on a
    /// contract monitored from 1 September 2026: Apr to Aug are history.
    /// </summary>
    [Theory]
    [InlineData("FFgg", false)] // opened in May, resolved in July: history, recorded only
    [InlineData("FF", true)] // opened in history and still open: news
    [InlineData("FFgggg", false)]
    [InlineData("FFggggFF", true)] // a second record, opened in news
    [InlineData("FFgFgg", true)] // reopened in July, resolved in September: the resolution is news
    [InlineData("ggggggFF", true)]
    public void ARecordIsNewsUnlessItOpenedAndResolvedInHistory(string series, bool news)
    {
        var periods = series.Select((c, i) => (Period.Month(2026, 4 + i), c == 'F' ? Signal.Bad : Signal.Good));
        var episode = EscalationMachine.Run(periods, new EscalationRule(2, 2, 4, Climbs: true))[^1];
        var terms = new ContractTerms(new DateOnly(2026, 4, 1), null, 15, 10, MonitoredFrom: new DateOnly(2026, 9, 1));
        var create = new Create(episode, episode.Events.Select((e, i) => new NewEvent(e.Type, e.Period, e.Level, i, SeriesChanges.NewFigures)).ToList());

        Assert.Equal(news, NotificationRules.IsNews(create, terms));
    }

    [Fact]
    public void ARunThatOnlyMarksRecoveryEmailsNobody()
    {
        var episode = EscalationMachine.Run([(Period.Month(2026, 10), Signal.Bad), (Period.Month(2026, 11), Signal.Bad)], new EscalationRule(2, 2, 4, true))[0];
        var stored = new StoredEscalation(1, episode.RunStart, episode.OpenedPeriod, episode.LastPeriod, 1, EscalationStatus.Open, []);
        var recovering = new Advance(stored, episode, [new NewEvent(EscalationEventType.Recovering, Period.Month(2026, 12), 1, 1, SeriesChanges.NewFigures)]);

        Assert.False(NotificationRules.IsNews(recovering, new ContractTerms(new DateOnly(2026, 4, 1), null, 15, 10, new DateOnly(2026, 4, 1))));
    }
}


public sealed class WorkingDayTests
{
    [Theory]
    [InlineData("2026-04-03")] // Good Friday
    [InlineData("2026-04-06")] // Easter Monday
    [InlineData("2024-04-01")] // Easter Monday on the 1st
    [InlineData("2026-05-04")] // early May
    [InlineData("2026-05-25")] // spring
    [InlineData("2026-08-31")] // summer
    [InlineData("2022-01-03")] // New Year's Day fell on a Saturday
    [InlineData("2027-12-27")] // Christmas Day fell on a Saturday
    [InlineData("2027-12-28")] // and Boxing Day on a Sunday
    [InlineData("2026-12-28")] // Boxing Day fell on a Saturday
    public void TheseAreBankHolidaysInEngland(string date) =>
        Assert.True(EnglandBankHolidays.Contains(Date(date)));

    [Theory]
    [InlineData("2026-04-02")]
    [InlineData("2026-12-24")]
    [InlineData("2022-01-01")] // the Saturday itself is a weekend, not the holiday
    public void TheseAreNot(string date) =>
        Assert.False(EnglandBankHolidays.Contains(Date(date)));

    [Theory]
    [InlineData(2026, 1, "2026-01-02")] // New Year's Day
    [InlineData(2026, 6, "2026-06-01")] // a Monday
    [InlineData(2026, 8, "2026-08-03")] // the 1st is a Saturday
    [InlineData(2026, 11, "2026-11-02")] // the 1st is a Sunday
    [InlineData(2024, 4, "2024-04-02")] // Easter Monday on the 1st
    [InlineData(2023, 5, "2023-05-02")] // early May bank holiday on the 1st
    [InlineData(2021, 4, "2021-04-01")] // Good Friday is the 2nd
    [InlineData(2022, 1, "2022-01-04")] // weekend, then the New Year substitute
    public void TheFirstWorkingDayOfTheMonth(int year, int month, string expected) =>
        Assert.Equal(Date(expected), UkCalendar.FirstWorkingDay(year, month));

    private static DateOnly Date(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
