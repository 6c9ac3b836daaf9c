using ContractMonitor.Contracts.Audit;
using ContractMonitor.Core.Audit;

namespace ContractMonitor.Api.Features.Audit;

internal static class AuditMapping
{
    public static AuditEntryResponse ToResponse(this AuditRecord a) =>
        new(a.Id, a.OccurredAt, a.Actor, a.ActorOrg, a.Action, a.EntityType, a.EntityId, a.Before, a.After);
}
