using ContractMonitor.Contracts.Measures;

namespace ContractMonitor.Core.Measures;

/// <summary>What a figure may be for a measure of a given unit and number of decimals.</summary>
internal static class MeasureValueRules
{
    /// <summary>Kept well inside DECIMAL(19,6) so no stored figure can overflow either engine.</summary>
    public const decimal Largest = 999_999_999_999m;

    public const int MaxDecimals = 4;

    /// <summary>
    /// SQLite keeps DECIMAL columns as 8-byte floating point, exact to 15 significant digits; a
    /// longer figure would come back changed, so none is accepted on either engine.
    /// </summary>
    public const int MaxSignificantDigits = 15;

    /// <returns>Why the value is not acceptable, or null when it is.</returns>
    public static string? Check(MeasureUnit unit, int decimals, decimal value)
    {
        if (Math.Abs(value) > Largest)
        {
            return $"must be between -{Largest:0} and {Largest:0}.";
        }

        if (SignificantDigits(value) > MaxSignificantDigits)
        {
            return $"must have at most {MaxSignificantDigits} significant digits.";
        }

        if (value.Scale > decimals && value != Math.Round(value, decimals))
        {
            return decimals == 0
                ? "must be a whole number for this measure."
                : $"must have at most {decimals} decimal place{(decimals == 1 ? "" : "s")} for this measure.";
        }

        return unit switch
        {
            MeasureUnit.Percent when value is < 0 or > 100 => "must be a percentage from 0 to 100.",
            MeasureUnit.Count when value < 0 || value != decimal.Truncate(value) => "must be a whole number of 0 or more.",
            MeasureUnit.Days or MeasureUnit.Rate when value < 0 => "must be 0 or more.",
            _ => null,
        };
    }

    /// <summary>Digits from the first non-zero one to the last non-zero decimal: 0.0100 has 1, 1200 has 4.</summary>
    public static int SignificantDigits(decimal value)
    {
        var digits = Math.Abs(value).ToString(System.Globalization.CultureInfo.InvariantCulture).Replace(".", "", StringComparison.Ordinal);
        if (value.Scale > 0)
        {
            digits = digits.TrimEnd('0');
        }

        return digits.TrimStart('0').Length;
    }
}
