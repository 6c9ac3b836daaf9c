using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Measures;

namespace ContractMonitor.Tests.Core.Measures;

public sealed class MeasureValueRulesTests
{
    [Theory]
    [InlineData(MeasureUnit.Percent, 1, "0", true)]
    [InlineData(MeasureUnit.Percent, 1, "100", true)]
    [InlineData(MeasureUnit.Percent, 1, "100.1", false)]
    [InlineData(MeasureUnit.Percent, 1, "-0.1", false)]
    [InlineData(MeasureUnit.Percent, 1, "54.9", true)]
    [InlineData(MeasureUnit.Percent, 1, "54.90", true)]
    [InlineData(MeasureUnit.Percent, 1, "54.95", false)]
    [InlineData(MeasureUnit.Count, 0, "12", true)]
    [InlineData(MeasureUnit.Count, 0, "12.0", true)]
    [InlineData(MeasureUnit.Count, 0, "12.5", false)]
    [InlineData(MeasureUnit.Count, 0, "-1", false)]
    [InlineData(MeasureUnit.Days, 0, "-1", false)]
    [InlineData(MeasureUnit.Rate, 2, "431.25", true)]
    [InlineData(MeasureUnit.Number, 0, "-999999999999", true)]
    [InlineData(MeasureUnit.Number, 0, "1000000000000", false)]
    [InlineData(MeasureUnit.Number, 4, "99999999999.9999", true)]
    [InlineData(MeasureUnit.Number, 4, "999999999999.9999", false)] // 16 significant digits: SQLite would round it
    [InlineData(MeasureUnit.Number, 4, "999999999999.0000", true)]
    public void ValueMustFitTheUnitAndDecimals(MeasureUnit unit, int decimals, string value, bool accepted) =>
        Assert.Equal(accepted, MeasureValueRules.Check(unit, decimals, decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)) is null);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("0.0100", 1)]
    [InlineData("1200", 4)]
    [InlineData("-61.50", 3)]
    [InlineData("99999999999.9999", 15)]
    [InlineData("0.000001", 1)]
    public void SignificantDigitsRunFromTheFirstNonZeroDigitToTheLastNonZeroDecimal(string value, int digits) =>
        Assert.Equal(digits, MeasureValueRules.SignificantDigits(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
}
