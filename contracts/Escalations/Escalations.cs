using ContractMonitor.Contracts.Notifications;

namespace ContractMonitor.Contracts.Escalations;

public enum EscalationReason
{
    SustainedFailure,
    MissingReturns,
    SustainedDecline,
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

public sealed record EscalationEventResponse(
    long Id,
    EscalationEventType Type,
    string? Period,
    int Level,
    string LevelName,
    string? Note,
    string Actor,
    DateTimeOffset OccurredAt);

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
    IReadOnlyList<NotificationResponse> Notifications);

public sealed record EscalationListResponse(IReadOnlyList<EscalationResponse> Escalations);

public sealed record AcknowledgeEscalationRequest(string? Note);
