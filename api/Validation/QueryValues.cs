using System.Globalization;
using ContractMonitor.Core.Periods;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Validation;

/// <summary>Query-string values read the same way on every endpoint that takes them.</summary>
internal static class QueryValues
{
    // Periods run from 1900 to 9998, and an as-of date looks back one period.
    private static readonly DateOnly FirstDate = new(Period.MinYear + 1, 1, 1);
    private static readonly DateOnly LastDate = new(Period.MaxYear, 12, 31);

    /// <summary>A <c>yyyy-MM-dd</c> date within the years periods can name; left out, today in England.</summary>
    public static bool TryReadDate(string? text, TimeProvider clock, out DateOnly date)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            date = UkCalendar.Today(clock);
            return true;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            && date >= FirstDate && date <= LastDate;
    }

    public static readonly string InvalidAsOfMessage = string.Create(CultureInfo.InvariantCulture,
        $"must be a date such as 2026-11-23 (yyyy-MM-dd) from {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd}; leave it out for today.");

    public static readonly string InvalidKnownAtMessage =
        "must be a date such as 2026-09-30 (what was known at the end of that day, English time) or an instant with its offset "
        + "such as 2026-09-30T17:00:00Z, and not in the future; leave it out for what is known now.";

    /// <summary>
    /// The two dates of a read (DESIGN §5): <c>asOf</c> chooses the periods, <c>knownAt</c> the
    /// knowledge. Each bad one adds its message to <paramref name="errors"/>. A <c>knownAt</c> left
    /// out, or not yet past (today, say), is what is known now: null. An <c>asOf</c> left out is the
    /// day the knowledge is of, so a view of September is as September saw it.
    /// </summary>
    public static (DateOnly AsOf, DateTimeOffset? KnownAt) ReadDates(
        string? asOf, string? knownAt, TimeProvider clock, IDictionary<string, string[]> errors)
    {
        DateTimeOffset? known = null;
        if (!string.IsNullOrWhiteSpace(knownAt))
        {
            if (TryReadInstant(knownAt.Trim(), clock.GetUtcNow(), out var instant))
            {
                known = instant;
            }
            else
            {
                errors["knownAt"] = [InvalidKnownAtMessage];
            }
        }

        var date = UkCalendar.Today(clock);
        if (string.IsNullOrWhiteSpace(asOf) && known is { } at)
        {
            date = UkCalendar.DayEndedBy(at);
        }
        else if (!TryReadDate(asOf, clock, out date))
        {
            errors["asOf"] = [InvalidAsOfMessage];
        }

        return (date, known);
    }

    /// <summary>An instant no later than now, or the end of a day no later than today (then clipped to now, which it has not reached).</summary>
    private static bool TryReadInstant(string text, DateTimeOffset now, out DateTimeOffset? instant)
    {
        instant = null;
        DateTimeOffset end;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            if (day < FirstDate || day > UkCalendar.DateOf(now))
            {
                return false;
            }

            end = UkCalendar.EndOf(day);
        }
        else if (!DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mmzzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm'Z'"],
                     CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out end)
                 || end > now || end < new DateTimeOffset(FirstDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero))
        {
            return false;
        }

        // What is known by an instant still to come is what is known now: the fast, stored answer.
        instant = end >= now ? null : end.ToUniversalTime();
        return true;
    }


    /// <summary>One of an enum's names, in any case; left out, <paramref name="fallback"/>. Numbers are refused.</summary>
    public static bool TryReadName<T>(string? text, T fallback, out T value) where T : struct, Enum
    {
        value = fallback;
        return string.IsNullOrWhiteSpace(text)
            || (Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _));
    }

    public static ValidationProblem InvalidName<T>(string field) where T : struct, Enum => InvalidRequest.Of(field, NameMessage<T>());

    /// <summary>What a field of an enum's names is told when it holds something else.</summary>
    public static string NameMessage<T>() where T : struct, Enum => $"must be one of: {string.Join(", ", Enum.GetNames<T>())}.";
}
