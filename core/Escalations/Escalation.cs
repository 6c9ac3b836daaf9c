using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Notifications;

namespace ContractMonitor.Core.Escalations;

/// <summary>An escalation record with its events and the emails sent about it.</summary>
/// <param name="OpenedPeriod">The period it was raised in.</param>
/// <param name="RunStart">Its identity with the measure and reason: the first period of the run that raised it.</param>
internal sealed record Escalation(
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
    IReadOnlyList<EscalationEvent> Events,
    IReadOnlyList<Notification> Notifications,
    string RunStart);

/// <param name="Cause">What made the evaluator append it; null for an acknowledgement.</param>
internal sealed record EscalationEvent(
    long Id, EscalationEventType Type, string? Period, int Level, string LevelName, string? Note, string Actor, DateTimeOffset OccurredAt,
    string? Cause);
