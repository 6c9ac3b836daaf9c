namespace ContractMonitor.Core.Contracts;

internal static class ContractTerm
{
    /// <summary>
    /// The last day of a contract's term that has been reached by <paramref name="date"/>: the date
    /// itself, or the end date if the term ended before it.
    /// </summary>
    public static DateOnly LastDayBy(DateOnly? endDate, DateOnly date) => endDate is { } end && end < date ? end : date;
}
