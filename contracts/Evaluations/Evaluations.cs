using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Measures;

namespace ContractMonitor.Contracts.Evaluations;

/// <summary>How a period's figure is rated against the target and tolerance in force for it (DESIGN §3.2).</summary>
public enum Rating
{
    /// <summary>Green: at or better than the target.</summary>
    OnTarget,

    /// <summary>Amber: worse than the target but at or better than the tolerance.</summary>
    WithinTolerance,

    /// <summary>Red: worse than the tolerance.</summary>
    Failing,

    /// <summary>No return by the period's due date.</summary>
    Missing,

    /// <summary>
    /// Not rated yet: no return and not yet due, not yet evaluated, or a figure with no target for its year (flagged
    /// <c>NoTarget</c>).
    /// </summary>
    Pending,

    /// <summary>A period that ended before the contract's monitoredFrom with no figure: history, not owed.</summary>
    NotCollected,
}

/// <summary>How a figure moved since the previous period of the same measure, in the measure's own sense of better (DESIGN §3.3).</summary>
public enum Direction
{
    /// <summary>Better than the previous period's figure.</summary>
    Improving,

    /// <summary>Worse than the previous period's figure.</summary>
    Declining,

    /// <summary>The same as the previous period's figure.</summary>
    Unchanged,
}

/// <summary>Why a rating should be read with care.</summary>
public enum RatingCaveat
{
    /// <summary>The return that counts arrived after the period's due date.</summary>
    Late,

    /// <summary>A percentage whose denominator is below the contract's small cohort: the rating is indicative.</summary>
    SmallCohort,

    /// <summary>There is a figure, but no target for its financial year, so it is not rated (Pending).</summary>
    NoTarget,

    /// <summary>A quarter or year rolled up with a month (or quarter) missing: its rating is indicative.</summary>
    Incomplete,
}

/// <summary>An open escalation as the status and split screen show it: <c>escalation</c> is the highest, <c>escalations</c> lists all.</summary>
/// <param name="Id">The escalation's id, as in <c>/api/escalations/{id}</c>.</param>
/// <param name="Reason">Why it was raised: SustainedFailure, MissingReturns, SustainedDecline or SpecialCauseConcern.</param>
/// <param name="Level">The ladder level it stands at (1 is the bottom of the ladder).</param>
/// <param name="LevelName">The ladder's name for that level, such as <c>Director</c>; <c>Level n</c> where the ladder has none.</param>
/// <param name="Status">Open or Recovering: a resolved escalation is not shown here.</param>
/// <param name="HeldUntil">Set while an agreed exception on its measure holds it (issue 20): the last day it holds.</param>
public sealed record EscalationSummary(long Id, EscalationReason Reason, int Level, string LevelName, EscalationStatus Status, DateOnly? HeldUntil = null);

/// <summary>One measure at its latest period ended by the status's <c>asOf</c> date.</summary>
/// <param name="Code">The measure's code, such as <c>B13</c>.</param>
/// <param name="Title">The measure's title, such as "Care leavers in suitable accommodation".</param>
/// <param name="Period">
/// The measure's latest period ending on or before <c>asOf</c>, inside the contract's term; null when none has ended yet.
/// </param>
/// <param name="Value">
/// The figure rated for the period, in the measure's unit; null when none has been rated (none sent, or not yet evaluated).
/// </param>
/// <param name="Target">The target in force for the period's financial year; null when the year has no target or the period is not rated yet.</param>
/// <param name="Tolerance">
/// The tolerance in force for the period's financial year (the edge between amber and red); null as for <c>target</c>.
/// </param>
/// <param name="Rating">The period's rating: OnTarget, WithinTolerance, Failing, Missing, Pending or NotCollected.</param>
/// <param name="Direction">
/// How the figure moved since the previous period, in the measure's sense of better; null when either period has no figure.
/// </param>
/// <param name="Flags">Why to read the rating with care (Late, SmallCohort, NoTarget); empty when there is no caveat.</param>
/// <param name="Escalation">The highest-level escalation of the measure still open (Open or Recovering); null when there is none.</param>
/// <param name="Revision">The return revision the rating was worked out from; null when no figure has been rated.</param>
/// <param name="TargetVersion">The version of the year's target the rating used; null when no target was used.</param>
/// <param name="Escalations">Every escalation of the measure still open, highest level first; empty when there is none.</param>
/// <param name="Variation">SPC (issue 19): is the latest figure noise or a special cause, and which way.</param>
/// <param name="Assurance">SPC: will the process meet the target, fail it, or hit and miss.</param>
/// <param name="DataState">
/// Where the period's figures stand in sign-off (issue 20): Draft, SignedOff, Queried or Accepted; null when <c>period</c> is null.
/// </param>
/// <param name="Exception">The agreed exception holding the measure on the day the knowledge is of (issue 20); null when none holds.</param>
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

/// <summary>Where every measure of a contract stands at a date, as <c>GET …/status</c> answers.</summary>
/// <param name="AsOf">
/// The date that chose the periods: each measure's latest period ended on or before it. Default: today in England or, with
/// <c>knownAt</c>, the day it is of.
/// </param>
/// <param name="Measures">Every measure of the contract, by code; a measure retired by its latest period is left out.</param>
/// <param name="KnownAt">The instant the knowledge is of (DESIGN §5); null for what is known now.</param>
public sealed record StatusResponse(DateOnly AsOf, IReadOnlyList<MeasureStatus> Measures, DateTimeOffset? KnownAt = null);

/// <summary>The status counted, as <c>GET …/summary</c> answers: every measure once by rating, and by direction where it has one.</summary>
/// <param name="AsOf">The date that chose the periods, as for the status.</param>
/// <param name="Total">How many measures the status shows, whatever their rating (NotCollected ones are counted only here).</param>
/// <param name="OnTarget">How many are rated OnTarget.</param>
/// <param name="WithinTolerance">How many are rated WithinTolerance.</param>
/// <param name="Failing">How many are rated Failing.</param>
/// <param name="Missing">How many are rated Missing.</param>
/// <param name="Pending">How many are Pending: not yet due, not yet evaluated, or without a target.</param>
/// <param name="Improving">How many moved in the better direction since the previous period.</param>
/// <param name="Declining">How many moved in the worse direction since the previous period.</param>
/// <param name="OpenEscalations">How many escalations are still open (Open or Recovering) across all the measures.</param>
/// <param name="KnownAt">The instant the knowledge is of (DESIGN §5); null for what is known now.</param>
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

/// <summary>One period of a measure's history, as rated.</summary>
/// <param name="Period">The period, such as <c>2026-07</c>, or a quarter or year when rolled up.</param>
/// <param name="Value">The figure rated for it, in the measure's unit; for a rolled-up period, the figures combined. Null when there is none.</param>
/// <param name="Target">The target in force for the period's financial year; null when the year has no target or the period is not rated yet.</param>
/// <param name="Tolerance">The tolerance in force for the period's financial year; null as for <c>target</c>.</param>
/// <param name="Rating">The period's rating: OnTarget, WithinTolerance, Failing, Missing, Pending or NotCollected.</param>
/// <param name="Direction">How the figure moved since the previous period, in the measure's sense of better; null when either has no figure.</param>
/// <param name="Flags">Why to read the rating with care (Late, SmallCohort, NoTarget, Incomplete); empty when there is no caveat.</param>
/// <param name="Revision">The return revision the rating was worked out from; null when no figure has been rated, and for a rolled-up period.</param>
/// <param name="TargetVersion">The version of the year's target the rating used; null when no target was used.</param>
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

/// <summary>A measure's series of periods, as <c>GET …/measures/{code}/history</c> answers.</summary>
/// <param name="Code">The measure's code, such as <c>B13</c>.</param>
/// <param name="Periods">
/// Its periods that overlap <c>from</c> to <c>to</c>, oldest first: those it owes (from its start until it retires), inside the
/// contract's term and begun by the day the knowledge is of; quarters or years when rolled up.
/// </param>
/// <param name="KnownAt">The instant the knowledge is of (DESIGN §5); null for what is known now.</param>
public sealed record HistoryResponse(string Code, IReadOnlyList<HistoryPeriod> Periods, DateTimeOffset? KnownAt = null);

/// <summary>Whether the evaluator has answered an "evaluate now" request yet.</summary>
public enum EvaluationRequestStatus
{
    /// <summary>Stored, waiting for the evaluator's next run of the contract.</summary>
    Queued,

    /// <summary>The evaluator has run the contract and answered it.</summary>
    Completed,
}

/// <summary>An "evaluate now" request; the counts say what the run changed.</summary>
/// <param name="Id">The request's id, as in <c>…/evaluations/{requestId}</c>.</param>
/// <param name="ContractId">The id of the contract to evaluate.</param>
/// <param name="Status">Queued until the evaluator has run the contract, then Completed.</param>
/// <param name="RequestedBy">Who asked: the name in their token.</param>
/// <param name="RequestedAt">When it was asked for (UTC).</param>
/// <param name="CompletedAt">When the run that answered it finished (UTC); null while Queued.</param>
/// <param name="EvaluationsWritten">How many period ratings that run stored, changed or removed; null while Queued.</param>
/// <param name="EventsWritten">How many escalation events that run appended; null while Queued.</param>
public sealed record EvaluationRequestResponse(
    long Id,
    long ContractId,
    EvaluationRequestStatus Status,
    string RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt,
    int? EvaluationsWritten,
    int? EventsWritten);
