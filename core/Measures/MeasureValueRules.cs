using ContractMonitor.Contracts.Measures;

namespace ContractMonitor.Core.Measures;

/// <summary>What a figure may be for a measure of a given unit and number of decimals.</summary>
public static class MeasureValueRules
{
    /// <summary>Kept well inside DECIMAL(19,6) so no stored figure can overflow either engine.</summary>
    public const decimal Largest = 999_999_999_999m;

    public const int MaxDecimals = 4;

    /// <returns>Why the value is not acceptable, or null when it is.</returns>
    public static string? Check(MeasureUnit unit, int decimals, decimal value)
    {
        if (Math.Abs(value) > Largest)
        {
            return $"must be between -{Largest:0} and {Largest:0}.";
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
}
