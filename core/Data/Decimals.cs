namespace ContractMonitor.Core.Data;

internal static class Decimals
{
    /// <summary>
    /// 61.50 becomes 61.5 and 60.000000 becomes 60: the same number, written the same way whichever
    /// engine or client produced it. Dividing by 1.000…0 keeps the value and drops the trailing zeros.
    /// </summary>
    public static decimal WithoutTrailingZeros(decimal value) => value / 1.000000000000000000000000000000000m;

    public static decimal? WithoutTrailingZeros(decimal? value) => value is { } v ? WithoutTrailingZeros(v) : null;
}
