namespace ContractMonitor.Contracts.Audit;

public sealed record AuditEntryResponse(
    long Id,
    DateTimeOffset OccurredAt,
    string Actor,
    string ActorOrg,
    string Action,
    string EntityType,
    string EntityId,
    string? Before,
    string? After);
