namespace ContractMonitor.Core.Audit;

/// <summary>One audited write: who did what to which entity, with the state before and after.</summary>
internal sealed record AuditEntry(
    string Action,
    string EntityType,
    string EntityId,
    long? ContractId,
    object? Before,
    object? After);
