using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;

namespace ContractMonitor.Core.Evaluations;

/// <summary>Where every measure of a contract stands at a date: what the status read, pages, papers and digests work from.</summary>
internal sealed record ContractStanding(DateOnly AsOf, IReadOnlyList<MeasureStanding> Measures);

/// <summary>A measure's latest period ended by the date, rated, with its highest open escalation.</summary>
internal sealed record MeasureStanding(
    string Code,
    string Title,
    string? Period,
    decimal? Value,
    decimal? Target,
    decimal? Tolerance,
    Rating Rating,
    Direction? Direction,
    IReadOnlyList<RatingCaveat> Flags,
    OpenEscalation? Escalation,
    int? Revision,
    int? TargetVersion);

/// <summary>An unresolved escalation as a measure's standing shows it.</summary>
internal sealed record OpenEscalation(long Id, EscalationReason Reason, int Level, string LevelName, EscalationStatus Status);

/// <summary>A standing counted: every measure once by rating, and by direction where it has one.</summary>
internal sealed record StandingCounts(
    DateOnly AsOf, int Total, int OnTarget, int WithinTolerance, int Failing, int Missing, int Pending, int Improving, int Declining,
    int OpenEscalations);

/// <summary>A measure's periods, oldest first, each as it is rated.</summary>
internal sealed record MeasureHistory(string Code, IReadOnlyList<PeriodStanding> Periods);

internal sealed record PeriodStanding(
    string Period,
    decimal? Value,
    decimal? Target,
    decimal? Tolerance,
    Rating Rating,
    Direction? Direction,
    IReadOnlyList<RatingCaveat> Flags,
    int? Revision,
    int? TargetVersion);
