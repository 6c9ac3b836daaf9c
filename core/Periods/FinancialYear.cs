using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ContractMonitor.Core.Periods;

/// <summary>A UK financial year, 1 April to 31 March, written <c>2016-17</c>.</summary>
internal readonly record struct FinancialYear(int StartYear)
{
    public const string AcceptedForm = "a financial year such as 2016-17 (1 April 2016 to 31 March 2017)";

    public DateOnly Start => new(StartYear, 4, 1);

    public DateOnly End => new(StartYear + 1, 3, 31);

    public static FinancialYear Containing(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public static bool TryParse(string? text, [NotNullWhen(true)] out FinancialYear? year)
    {
        year = null;
        if (text is not { Length: 7 } || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            || start < 1900 || (start + 1) % 100 != end)
        {
            return false;
        }

        year = new FinancialYear(start);
        return true;
    }

    public bool Overlaps(DateOnly from, DateOnly? to) => Start <= (to ?? DateOnly.MaxValue) && End >= from;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StartYear:D4}-{(StartYear + 1) % 100:D2}");
}
