namespace ContractMonitor.Core.Periods;

/// <summary>
/// The bank holidays of England and Wales by their standing rules, with weekend substitutes. One-off
/// holidays (a coronation, a jubilee) are not included: none has fallen at the start of a month.
/// </summary>
internal static class EnglandBankHolidays
{
    public static bool Contains(DateOnly date) => Of(date.Year).Contains(date);

    public static IReadOnlySet<DateOnly> Of(int year)
    {
        var easter = EasterSunday(year);
        var christmas = new DateOnly(year, 12, 25);
        var (christmasDay, boxingDay) = christmas.DayOfWeek switch
        {
            DayOfWeek.Friday => (christmas, new DateOnly(year, 12, 28)),
            DayOfWeek.Saturday => (new DateOnly(year, 12, 27), new DateOnly(year, 12, 28)),
            DayOfWeek.Sunday => (new DateOnly(year, 12, 27), new DateOnly(year, 12, 26)),
            _ => (christmas, new DateOnly(year, 12, 26)),
        };
        return new HashSet<DateOnly>
        {
            Weekday(new DateOnly(year, 1, 1)),
            easter.AddDays(-2),
            easter.AddDays(1),
            FirstMonday(year, 5),
            LastMonday(year, 5),
            LastMonday(year, 8),
            christmasDay,
            boxingDay,
        };
    }

    /// <summary>The Gregorian Easter Sunday (the anonymous Gregorian algorithm).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static DateOnly Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
