using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Core.Contracts;

/// <summary>A contract's columns that its rules read, as the stores select them.</summary>
internal record ContractTermsRow
{
    public long Id { get; init; }
    public DateOnly StartDate { get; init; }
    public DateOnly? EndDate { get; init; }
    public int ReturnDueDays { get; init; }
    public int SmallCohort { get; init; }
    public int RaiseAfter { get; init; }
    public int ResolveAfter { get; init; }
    public int DeclineRunLength { get; init; }
    public bool SpecialCause { get; init; }
    public DateOnly? MonitoredFrom { get; init; }

    /// <summary>Contracts recorded before monitoredFrom existed were monitored from their start.</summary>
    public DateOnly MonitoredFromOrStart => MonitoredFrom ?? StartDate;

    public ContractTerms ToTerms() => new(StartDate, EndDate, ReturnDueDays, SmallCohort, MonitoredFromOrStart);
}
