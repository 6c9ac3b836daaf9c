using ContractMonitor.Contracts.Notifications;

namespace ContractMonitor.Contracts.Escalations;

public enum EscalationReason
{
    SustainedFailure,
    MissingReturns,
    SustainedDecline,

    /// <summary>Issue 19: an SPC concern point in the latest period; only where the contract's policy asks for it.</summary>
    SpecialCauseConcern,
}

public enum EscalationStatus
{
    Open,
    Recovering,
    Resolved,
}

public enum EscalationEventType
{
    Raised,
    Escalated,
    Recovering,
    Reopened,
    Resolved,
    Acknowledged,
}

/// <summary>Which escalations a list shows.</summary>
public enum EscalationFilter
{
    All,
    Open,
    Recovering,
    Resolved,
}

/// <param name="Cause">What made the evaluator append the event: "new figures", "late return for 2026-07",
/// "revised figure for 2026-09", "target change for 2026-27 by alice", "measure start changed".</param>
public sealed record EscalationEventResponse(
    long Id,
    EscalationEventType Type,
    string? Period,
    int Level,
    string LevelName,
    string? Note,
    string Actor,
    DateTimeOffset OccurredAt,
    string? Cause = null);

/// <param name="OpenedPeriod">The period it was raised in.</param>
/// <param name="RunStart">Its identity with the measure and reason: the first period of the run that raised it.</param>
public sealed record EscalationResponse(
    long Id,
    long ContractId,
    string MeasureCode,
    EscalationReason Reason,
    int Level,
    string LevelName,
    EscalationStatus Status,
    string OpenedPeriod,
    string LastPeriod,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ResolvedAt,
    IReadOnlyList<EscalationEventResponse> Events,
    IReadOnlyList<NotificationResponse> Notifications,
    string? RunStart = null);

public sealed record EscalationListResponse(IReadOnlyList<EscalationResponse> Escalations);

public sealed record AcknowledgeEscalationRequest(string? Note);
