using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Measures;

/// <summary>
/// The first period a measure's returns are expected for (DESIGN §3.4, "a measure's start"):
/// earlier periods are not rated, not Missing and not owed.
/// </summary>
internal static class MeasureStart
{
    /// <summary>
    /// The contract's first period for a measure created before the contract starts, otherwise the
    /// period containing the day it was created: a measure added years into a contract owes nothing
    /// for the years before it existed.
    /// </summary>
    public static Period Default(Frequency frequency, DateOnly contractStart, DateOnly createdOn) =>
        Period.Containing(frequency, createdOn < contractStart ? contractStart : createdOn);

    /// <summary>
    /// The start in force: the stored one, never before the contract's first period. Measures from
    /// before starts were stored have none, and keep what they meant then: owed from the contract's start.
    /// </summary>
    public static Period Effective(string? stored, Frequency frequency, DateOnly contractStart)
    {
        var first = Period.Containing(frequency, contractStart);
        return stored is not null && Period.TryParse(stored, frequency, out var start, out _) && start > first ? start : first;
    }
}
