namespace ContractMonitor.Core.Periods;

/// <summary>
/// The calendar the contracts are written in. Due dates and "not in the future" are English dates:
/// a return sent at 00:30 BST on 16 August is sent on the 16th, although it is still the 15th in UTC.
/// </summary>
internal static class UkCalendar
{
    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly Today(TimeProvider clock)
    {
        return DateOf(clock.GetUtcNow());
    }

    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>The end of an English day: the first instant of the next, which what was known "at the end of" the day comes before.</summary>
    public static DateTimeOffset EndOf(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeZone), TimeSpan.Zero);

    /// <summary>The English day that an exclusive end instant closes: the day whose end <see cref="EndOf"/> gives, or the day an instant within it falls on.</summary>
    public static DateOnly DayEndedBy(DateTimeOffset end) => DateOf(end.AddTicks(-1));

    /// <summary>The first day of the month that is neither a weekend nor a bank holiday in England.</summary>
    public static DateOnly FirstWorkingDay(int year, int month)
    {
        var day = new DateOnly(year, month, 1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || EnglandBankHolidays.Contains(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
