namespace ContractMonitor.Contracts.Exceptions;

/// <param name="FromPeriod">The first period of the measure the council agrees will fail for the reason.</param>
/// <param name="Until">The last day it holds: required, so no exception is open-ended.</param>
public sealed record CreateExceptionRequest(string Reason, string FromPeriod, DateOnly? Until);

public sealed record ExtendExceptionRequest(DateOnly? Until, string Reason);

public sealed record EndExceptionRequest(string Reason);

public enum ExceptionStatus
{
    /// <summary>The measure's escalations neither open nor climb.</summary>
    Holding,

    /// <summary>Ended early by the council.</summary>
    Ended,

    /// <summary>Its last day has passed.</summary>
    Expired,
}

public enum ExceptionEventType
{
    Agreed,
    Extended,
    Ended,
    Expired,
}

public sealed record ExceptionEventResponse(ExceptionEventType Type, DateOnly Until, string? Note, string Actor, DateTimeOffset OccurredAt);

/// <param name="HoldsFrom">The first period the hold covers: never one already rated when it was agreed.</param>
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

public sealed record ExceptionListResponse(IReadOnlyList<ExceptionResponse> Exceptions);

/// <summary>An agreed exception as status and the split screen show it beside a measure.</summary>
public sealed record ExceptionSummary(long Id, string Reason, string HoldsFrom, DateOnly Until);
