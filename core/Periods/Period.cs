using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ContractMonitor.Contracts.Measures;

using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContractMonitor.Core.Periods;

/// <summary>
/// A reporting period (DESIGN §3.1): a month <c>2016-07</c>, a quarter of a financial year
/// <c>2016-17-Q1</c> (April to June 2016) or a financial year <c>2016-17</c>.
/// </summary>
/// <remarks>
/// Held as a frequency and a count of periods since year 0, so <see cref="Next"/> and
/// <see cref="Previous"/> are plain arithmetic and periods of one frequency order naturally.
/// </remarks>
[JsonConverter(typeof(PeriodJsonConverter))]
internal readonly record struct Period : IComparable<Period>
{
    public const string AcceptedForms =
        "a month such as 2016-07, a quarter such as 2016-17-Q1 (April to June 2016) or a financial year such as 2016-17";

    public const int MinYear = 1900;

    public const int MaxYear = 9998;

    private readonly int index;

    private Period(Frequency frequency, int index)
    {
        Frequency = frequency;
        this.index = index;
    }

    public Frequency Frequency { get; }

    public static Period Month(int year, int month)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxYear);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return new Period(Frequency.Monthly, (year * 12) + month - 1);
    }

    /// <param name="quarter">1 is April to June, 4 is January to March of the next calendar year.</param>
    public static Period Quarter(FinancialYear year, int quarter)
    {
        CheckYear(year);
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        return new Period(Frequency.Quarterly, (year.StartYear * 4) + quarter - 1);
    }

    public static Period Year(FinancialYear year)
    {
        CheckYear(year);
        return new Period(Frequency.Annual, year.StartYear);
    }

    /// <summary>The period of <paramref name="frequency"/> that <paramref name="date"/> falls in.</summary>
    public static Period Containing(Frequency frequency, DateOnly date)
    {
        var year = FinancialYear.Containing(date);
        return frequency switch
        {
            Frequency.Monthly => Month(date.Year, date.Month),
            Frequency.Quarterly => Quarter(year, ((date.Month + 8) % 12 / 3) + 1),
            Frequency.Annual => Year(year),
            _ => throw new ArgumentOutOfRangeException(nameof(frequency), frequency, "Unknown frequency."),
        };
    }

    public DateOnly Start => Frequency switch
    {
        Frequency.Monthly => new DateOnly(index / 12, (index % 12) + 1, 1),
        Frequency.Quarterly => new FinancialYear(index / 4).Start.AddMonths(index % 4 * 3),
        _ => new FinancialYear(index).Start,
    };

    public DateOnly End => Start.AddMonths(MonthsLong).AddDays(-1);

    public FinancialYear FinancialYear => FinancialYear.Containing(Start);

    /// <summary>1 to 4 for a quarter, April to June being 1; 0 for months and years.</summary>
    public int QuarterNumber => Frequency == Frequency.Quarterly ? (index % 4) + 1 : 0;

    private int MonthsLong => Frequency switch
    {
        Frequency.Monthly => 1,
        Frequency.Quarterly => 3,
        _ => 12,
    };

    /// <summary>The last day a return counts as on time: <paramref name="returnDueDays"/> after the period ends.</summary>
    public DateOnly DueDate(int returnDueDays) => End.AddDays(returnDueDays);

    public Period Next() => Step(+1);

    public Period Previous() => Step(-1);

    /// <summary>True when any day of the period falls inside <paramref name="from"/>–<paramref name="to"/> (open-ended when null).</summary>
    public bool Overlaps(DateOnly from, DateOnly? to) => Start <= (to ?? DateOnly.MaxValue) && End >= from;

    /// <summary>The periods of <paramref name="frequency"/> that overlap <paramref name="from"/>–<paramref name="to"/>, in order.</summary>
    public static IEnumerable<Period> Between(Frequency frequency, DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            yield break;
        }

        var last = Containing(frequency, to);
        for (var period = Containing(frequency, from); period <= last; period = period.Next())
        {
            yield return period;
        }
    }

    /// <summary>
    /// Reads any of the three forms. A text that is both a month and a financial year (<c>2011-12</c>)
    /// reads as the month; use <see cref="TryParse(string?, Frequency, out Period, out string)"/>
    /// when the measure's frequency is known.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Period period)
    {
        foreach (var frequency in (ReadOnlySpan<Frequency>)[Frequency.Monthly, Frequency.Quarterly, Frequency.Annual])
        {
            if (TryRead(text, frequency, out period))
            {
                return true;
            }
        }

        period = default;
        return false;
    }

    /// <summary>Reads a period of one frequency; <paramref name="error"/> says what was wrong in words a trust can act on.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, Frequency frequency, out Period period, out string error)
    {
        if (TryRead(text, frequency, out period))
        {
            error = "";
            return true;
        }

        error = TryParse(text, out var other)
            ? $"'{text}' is {Describe(other.Frequency)}, but this measure is reported {Describe(frequency, adverb: true)}: use {Example(frequency)}."
            : $"'{text}' is not a period. Use {AcceptedForms}.";
        return false;
    }

    public static Period Parse(string text, Frequency frequency) =>
        TryParse(text, frequency, out var period, out var error) ? period : throw new FormatException(error);

    public int CompareTo(Period other)
    {
        if (Frequency == other.Frequency)
        {
            return index.CompareTo(other.index);
        }

        var byStart = Start.CompareTo(other.Start);
        return byStart != 0 ? byStart : Frequency.CompareTo(other.Frequency);
    }

    public static bool operator <(Period left, Period right) => left.CompareTo(right) < 0;

    public static bool operator <=(Period left, Period right) => left.CompareTo(right) <= 0;

    public static bool operator >(Period left, Period right) => left.CompareTo(right) > 0;

    public static bool operator >=(Period left, Period right) => left.CompareTo(right) >= 0;

    public override string ToString() => Frequency switch
    {
        Frequency.Monthly => string.Create(CultureInfo.InvariantCulture, $"{index / 12:D4}-{(index % 12) + 1:D2}"),
        Frequency.Quarterly => string.Create(CultureInfo.InvariantCulture, $"{new FinancialYear(index / 4)}-Q{QuarterNumber}"),
        _ => new FinancialYear(index).ToString(),
    };

    private Period Step(int by)
    {
        var next = new Period(Frequency, index + by);
        var year = Frequency == Frequency.Monthly ? next.Start.Year : next.FinancialYear.StartYear;
        return year is >= MinYear and <= MaxYear
            ? next
            : throw new InvalidOperationException($"Periods run from {MinYear} to {MaxYear}.");
    }

    private static bool TryRead(string? text, Frequency frequency, out Period period)
    {
        period = default;
        switch (frequency)
        {
            case Frequency.Monthly:
                if (text is { Length: 7 } && text[4] == '-' && Digits(text, 0, 4, out var year) && Digits(text, 5, 2, out var month)
                    && year is >= MinYear and <= MaxYear && month is >= 1 and <= 12)
                {
                    period = Month(year, month);
                    return true;
                }

                return false;
            case Frequency.Quarterly:
                if (text is { Length: 10 } && text[7] == '-' && text[8] == 'Q' && Digits(text, 9, 1, out var quarter)
                    && quarter is >= 1 and <= 4 && TryYear(text[..7], out var financialYear))
                {
                    period = Quarter(financialYear, quarter);
                    return true;
                }

                return false;
            case Frequency.Annual:
                if (TryYear(text, out var annual))
                {
                    period = Year(annual);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    private static bool TryYear(string? text, out FinancialYear year)
    {
        year = default;
        if (FinancialYear.TryParse(text, out var parsed) && parsed.Value.StartYear is >= MinYear and <= MaxYear)
        {
            year = parsed.Value;
            return true;
        }

        return false;
    }

    private static bool Digits(string text, int start, int length, out int value) =>
        int.TryParse(text.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static void CheckYear(FinancialYear year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year.StartYear, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year.StartYear, MaxYear);
    }

    private static string Describe(Frequency frequency, bool adverb = false) => (frequency, adverb) switch
    {
        (Frequency.Monthly, false) => "a month",
        (Frequency.Quarterly, false) => "a quarter",
        (Frequency.Annual, false) => "a financial year",
        (Frequency.Monthly, true) => "monthly",
        (Frequency.Quarterly, true) => "quarterly",
        _ => "annually",
    };

    private static string Example(Frequency frequency) => frequency switch
    {
        Frequency.Monthly => "a month such as 2016-07",
        Frequency.Quarterly => "a quarter such as 2016-17-Q1 (April to June 2016)",
        _ => "a financial year such as 2016-17",
    };
}

/// <summary>A period on the wire and in the audit trail is its identifier, "2016-07" or "2016-17-Q1".</summary>
internal sealed class PeriodJsonConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Period.TryParse(reader.GetString(), out var period) ? period : throw new JsonException("Not a period. Use " + Period.AcceptedForms + ".");

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options)
    {
        writer.WriteStringValue(value.ToString());
    }
}
