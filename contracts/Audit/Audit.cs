namespace ContractMonitor.Contracts.Audit;

/// <summary>One entry of a contract's audit trail, as <c>GET /api/contracts/{contractId}/audit</c> lists it, newest first.</summary>
/// <param name="Id">The entry's id; pass the last one seen as <c>before</c> for the next page.</param>
/// <param name="OccurredAt">When the change was made (UTC).</param>
/// <param name="Actor">
/// Who made it: the name in the caller's token, or <c>system:…</c> for work the service did itself, such as
/// <c>system:exceptions</c>.
/// </param>
/// <param name="ActorOrg">The organisation code of whoever made it, such as <c>doncaster-council</c>; <c>system</c> for the service itself.</param>
/// <param name="Action">What was done, such as <c>return.submitted</c>, <c>target.set</c> or <c>escalation.acknowledged</c>.</param>
/// <param name="EntityType">The kind of thing changed, such as <c>Return</c>, <c>MeasureTarget</c> or <c>Escalation</c>.</param>
/// <param name="EntityId">Which one was changed: its id, or a key such as <c>B13/2026-27/v2</c> for a target version.</param>
/// <param name="Before">The thing as it was before the change, as JSON text; null when the change created it.</param>
/// <param name="After">The thing as the change left it, as JSON text; null when the change recorded nothing after.</param>
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
