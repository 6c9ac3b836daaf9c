namespace ContractMonitor.Core.Audit;

/// <summary>One audited write: who, what, when in UTC, and the entity before and after, as JSON.</summary>
internal sealed record AuditRecord(
    long Id, DateTimeOffset OccurredAt, string Actor, string ActorOrg, string Action, string EntityType, string EntityId, string? Before,
    string? After);
