using ContractMonitor.Api.Features.Notifications;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Escalations;

namespace ContractMonitor.Api.Features.Escalations;

/// <summary>Core's escalations in the shape the API promises (DESIGN §5.1).</summary>
internal static class EscalationMapping
{
    public static EscalationResponse ToResponse(this Escalation e) => new(
        e.Id, e.ContractId, e.MeasureCode, e.Reason, e.Level, e.LevelName, e.Status, e.OpenedPeriod, e.LastPeriod, e.OpenedAt, e.ResolvedAt,
        e.Events.Select(v => new EscalationEventResponse(v.Id, v.Type, v.Period, v.Level, v.LevelName, v.Note, v.Actor, v.OccurredAt, v.Cause))
            .ToList(),
        e.Notifications.Select(n => n.ToResponse()).ToList(), e.RunStart);
}
