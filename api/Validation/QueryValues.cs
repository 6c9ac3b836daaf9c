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

    public static ValidationProblem InvalidAsOf() => InvalidRequest.Of("asOf", InvalidAsOfMessage);

    /// <summary>One of an enum's names, in any case; left out, <paramref name="fallback"/>. Numbers are refused.</summary>
    public static bool TryReadName<T>(string? text, T fallback, out T value) where T : struct, Enum
    {
        value = fallback;
        return string.IsNullOrWhiteSpace(text)
            || (Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _));
    }

    public static ValidationProblem InvalidName<T>(string field) where T : struct, Enum =>
        InvalidRequest.Of(field, $"must be one of: {string.Join(", ", Enum.GetNames<T>())}.");
}
