using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Measures;

namespace ContractMonitor.Contracts.Evaluations;

public enum Rating
{
    OnTarget,
    WithinTolerance,
    Failing,
    Missing,
    Pending,

    /// <summary>A period that ended before the contract's monitoredFrom with no figure: history, not owed.</summary>
    NotCollected,
}

public enum Direction
{
    Improving,
    Declining,
    Unchanged,
}

/// <summary>Why a rating should be read with care.</summary>
public enum RatingCaveat
{
    Late,
    SmallCohort,
    NoTarget,

    /// <summary>A quarter or year rolled up with a month (or quarter) missing: its rating is indicative.</summary>
    Incomplete,
}

/// <summary>An open escalation as the status and split screen show it: <c>escalation</c> is the highest, <c>escalations</c> lists all.</summary>
/// <param name="HeldUntil">Set while an agreed exception on its measure holds it (issue 20): the last day it holds.</param>
public sealed record EscalationSummary(long Id, EscalationReason Reason, int Level, string LevelName, EscalationStatus Status, DateOnly? HeldUntil = null);

/// <param name="Variation">SPC (issue 19): is the latest figure noise or a special cause, and which way.</param>
/// <param name="Assurance">SPC: will the process meet the target, fail it, or hit and miss.</param>
public sealed record MeasureStatus(
    string Code,
    string Title,
    string? Period,
    decimal? Value,
    decimal? Target,
    decimal? Tolerance,
    Rating Rating,
    Direction? Direction,
    IReadOnlyList<RatingCaveat> Flags,
    EscalationSummary? Escalation,
    int? Revision,
    int? TargetVersion,
    IReadOnlyList<EscalationSummary> Escalations,
    ContractMonitor.Contracts.Spc.Variation? Variation = null,
    ContractMonitor.Contracts.Spc.Assurance? Assurance = null,
    ContractMonitor.Contracts.SignOff.PeriodDataState? DataState = null,
    ContractMonitor.Contracts.Exceptions.ExceptionSummary? Exception = null);

/// <param name="KnownAt">The instant the knowledge is of (DESIGN §5); null for what is known now.</param>
public sealed record StatusResponse(DateOnly AsOf, IReadOnlyList<MeasureStatus> Measures, DateTimeOffset? KnownAt = null);

public sealed record SummaryResponse(
    DateOnly AsOf,
    int Total,
    int OnTarget,
    int WithinTolerance,
    int Failing,
    int Missing,
    int Pending,
    int Improving,
    int Declining,
    int OpenEscalations,
    DateTimeOffset? KnownAt = null);

/// <param name="Rollup">For a rolled-up period (<c>rollup=Quarterly|Annual</c>), how its parts were combined.</param>
/// <param name="PartsIn">For a rolled-up period, how many of its months (or quarters) had a figure.</param>
/// <param name="PartsOwed">For a rolled-up period, how many were owed: fewer in than owed is Incomplete.</param>
/// <param name="Note">For a rolled-up period, what the reader must know: the parts missing, or a rollup that could not be used.</param>
public sealed record HistoryPeriod(
    string Period,
    decimal? Value,
    decimal? Target,
    decimal? Tolerance,
    Rating Rating,
    Direction? Direction,
    IReadOnlyList<RatingCaveat> Flags,
    int? Revision,
    int? TargetVersion,
    Rollup? Rollup = null,
    int? PartsIn = null,
    int? PartsOwed = null,
    string? Note = null);

public sealed record HistoryResponse(string Code, IReadOnlyList<HistoryPeriod> Periods, DateTimeOffset? KnownAt = null);

public enum EvaluationRequestStatus
{
    Queued,
    Completed,
}

/// <summary>An "evaluate now" request; the counts say what the run changed.</summary>
public sealed record EvaluationRequestResponse(
    long Id,
    long ContractId,
    EvaluationRequestStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt,
    int? EvaluationsWritten,
    int? EventsWritten);
