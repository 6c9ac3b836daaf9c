namespace ContractMonitor.Core.Contracts;

internal static class ContractTerm
{
    /// <summary>
    /// The last day of a contract's term that has been reached by <paramref name="date"/>: the date
    /// itself, or the end date if the term ended before it.
    /// </summary>
    public static DateOnly LastDayBy(DateOnly? endDate, DateOnly date) => endDate is { } end && end < date ? end : date;

    /// <summary>"2015-16-Q4 is outside the contract's term (2016-04-01 to open-ended)."</summary>
    public static string Outside(string what, DateOnly start, DateOnly? end) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{what} is outside the contract's term ({start:yyyy-MM-dd} to {(end is { } e ? e.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "open-ended")}).");
}
