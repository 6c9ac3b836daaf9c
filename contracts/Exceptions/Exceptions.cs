namespace ContractMonitor.Contracts.Exceptions;

/// <summary>The council agrees that a measure will fail for a known reason until a day (issue 20); its escalations are held meanwhile.</summary>
/// <param name="Reason" example="Two supported lodgings providers closed in June; replacement places open in January 2027.">
/// Why the council agrees the measure will fail: kept with the exception, told to the chair and vice-chair. Required; at most
/// 1,000 characters.
/// </param>
/// <param name="FromPeriod" example="2026-07">
/// The first period of the measure the council agrees will fail for the reason. Of the measure's frequency (such as
/// <c>2026-07</c>), and one the measure owes a figure for inside the contract's term. Required.
/// </param>
/// <param name="Until" example="2030-06-30">
/// The last day it holds: required, so no exception is open-ended. Today or later, and no later than the contract's last day.
/// </param>
public sealed record CreateExceptionRequest(string Reason, string FromPeriod, DateOnly? Until);

/// <summary>Moves the last day an agreed exception holds later (issue 20); only one that still holds can be extended.</summary>
/// <param name="Until" example="2030-09-30">
/// The new last day it holds: after the current one, and no later than the contract's last day. Required.
/// </param>
/// <param name="Reason" example="The replacement placements open in March 2027, not January.">
/// Why it is extended: told to the chair and vice-chair. Required; at most 1,000 characters.
/// </param>
public sealed record ExtendExceptionRequest(DateOnly? Until, string Reason);

/// <summary>Ends an agreed exception today (issue 20): the measure's escalations resume by the rules at the next evaluation.</summary>
/// <param name="Reason" example="The new placements opened early; B13 is expected back on target from November.">
/// Why it is ended early: told to the chair and vice-chair. Required; at most 1,000 characters.
/// </param>
public sealed record EndExceptionRequest(string Reason);

/// <summary>Where an agreed exception stands today.</summary>
public enum ExceptionStatus
{
    /// <summary>The measure's escalations neither open nor climb.</summary>
    Holding,

    /// <summary>Ended early by the council.</summary>
    Ended,

    /// <summary>Its last day has passed.</summary>
    Expired,
}

/// <summary>A step in an agreed exception's life.</summary>
public enum ExceptionEventType
{
    /// <summary>The council agreed it.</summary>
    Agreed,

    /// <summary>The council moved its last day later.</summary>
    Extended,

    /// <summary>The council ended it early.</summary>
    Ended,

    /// <summary>Its last day passed; recorded by the service's daily job.</summary>
    Expired,
}

/// <summary>One step of an agreed exception's life.</summary>
/// <param name="Type">What happened: Agreed, Extended, Ended or Expired.</param>
/// <param name="Until">The last day the exception held until, as this step left it.</param>
/// <param name="Note">The reason given for an extension or an early end; null for Agreed and Expired.</param>
/// <param name="Actor">Who took the step: the name in their token, or <c>system:exceptions</c> for an expiry.</param>
/// <param name="OccurredAt">When the step was recorded (UTC).</param>
public sealed record ExceptionEventResponse(ExceptionEventType Type, DateOnly Until, string? Note, string Actor, DateTimeOffset OccurredAt);

/// <summary>An agreed exception on a measure (issue 20), with its steps.</summary>
/// <param name="Id">The exception's id, as in <c>/api/exceptions/{id}</c>.</param>
/// <param name="ContractId">The id of the contract it belongs to.</param>
/// <param name="MeasureCode">The code of the measure it holds, such as <c>B13</c>.</param>
/// <param name="Reason">Why the council agreed the measure will fail.</param>
/// <param name="FromPeriod">The first period the council agreed will fail, as it was asked for, such as <c>2026-07</c>.</param>
/// <param name="HoldsFrom">The first period the hold covers: never one already rated when it was agreed.</param>
/// <param name="Until">The last day it holds, as last agreed or extended.</param>
/// <param name="EndedOn">The day the council ended it early; null unless it was ended.</param>
/// <param name="Status">Holding, Ended or Expired, as of today.</param>
/// <param name="Events">Its steps (agreed, extended, ended, expired), oldest first.</param>
public sealed record ExceptionResponse(
    long Id,
    long ContractId,
    string MeasureCode,
    string Reason,
    string FromPeriod,
    string HoldsFrom,
    DateOnly Until,
    DateOnly? EndedOn,
    ExceptionStatus Status,
    IReadOnlyList<ExceptionEventResponse> Events);

/// <summary>A contract's agreed exceptions, as <c>GET …/exceptions</c> lists them.</summary>
/// <param name="Exceptions">Every agreed exception of the contract, whatever its status, oldest first.</param>
public sealed record ExceptionListResponse(IReadOnlyList<ExceptionResponse> Exceptions);

/// <summary>An agreed exception as status and the split screen show it beside a measure.</summary>
/// <param name="Id">The exception's id, as in <c>/api/exceptions/{id}</c>.</param>
/// <param name="Reason">Why the council agreed the measure will fail.</param>
/// <param name="HoldsFrom">The first period the hold covers, such as <c>2026-08</c>.</param>
/// <param name="Until">The last day it holds.</param>
public sealed record ExceptionSummary(long Id, string Reason, string HoldsFrom, DateOnly Until);
