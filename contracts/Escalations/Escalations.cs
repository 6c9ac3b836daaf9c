using ContractMonitor.Contracts.Notifications;

namespace ContractMonitor.Contracts.Escalations;

/// <summary>Why an escalation was raised; each measure runs one escalation per reason, independently (DESIGN §3.4).</summary>
public enum EscalationReason
{
    /// <summary>Consecutive Failing periods: opens after <c>raiseAfter</c> of them and climbs a level with each further one.</summary>
    SustainedFailure,

    /// <summary>Consecutive Missing periods (no return by the due date): opens and climbs as SustainedFailure does.</summary>
    MissingReturns,

    /// <summary><c>declineRunLength</c> consecutive Declining periods, even while the measure is on target: opens at level 1, never climbs.</summary>
    SustainedDecline,

    /// <summary>Issue 19: an SPC concern point in the latest period; only where the contract's policy asks for it.</summary>
    SpecialCauseConcern,
}

/// <summary>Where an escalation stands.</summary>
public enum EscalationStatus
{
    /// <summary>Raised (or reopened) and not yet recovering.</summary>
    Open,

    /// <summary>Still open at its level after a good period; it resolves after <c>resolveAfter</c> good periods in a row.</summary>
    Recovering,

    /// <summary>Closed by the rules; a later change to the figures can reopen it.</summary>
    Resolved,
}

/// <summary>What happened to an escalation at one step of its story.</summary>
public enum EscalationEventType
{
    /// <summary>It opened, at level 1. Emailed.</summary>
    Raised,

    /// <summary>It climbed a level of the ladder. Emailed.</summary>
    Escalated,

    /// <summary>A good period: it stays open at its level and recovers. Not emailed.</summary>
    Recovering,

    /// <summary>A bad period while it was recovering, or a resolution taken back: it is open again at its level. Emailed.</summary>
    Reopened,

    /// <summary>It closed. Emailed.</summary>
    Resolved,

    /// <summary>The council recorded that it has seen it, with a note. Not emailed.</summary>
    Acknowledged,
}

/// <summary>Which escalations a list shows.</summary>
public enum EscalationFilter
{
    /// <summary>Every escalation, whatever its status (the default).</summary>
    All,

    /// <summary>Only those that are Open (not Recovering).</summary>
    Open,

    /// <summary>Only those that are Recovering.</summary>
    Recovering,

    /// <summary>Only those that are Resolved.</summary>
    Resolved,
}

/// <summary>One step of an escalation's story: an event row, never changed once written.</summary>
/// <param name="Id">The event's id.</param>
/// <param name="Type">What happened: Raised, Escalated, Recovering, Reopened, Resolved or Acknowledged.</param>
/// <param name="Period">
/// The period the event is about, such as <c>2026-07</c>; for an acknowledgement, the escalation's last period then. Null only
/// for a resolution that no period caused, because the figures were changed from under it.
/// </param>
/// <param name="Level">The ladder level the escalation stood at after the event (1 is the bottom of the ladder).</param>
/// <param name="LevelName">
/// The ladder's name for that level as it stood in the event's period, such as <c>Director</c>; <c>Level n</c> where the
/// ladder has none.
/// </param>
/// <param name="Note">The council's note for an acknowledgement, or the evaluator's explanation where it gave one; otherwise null.</param>
/// <param name="Actor">Who recorded it: <c>system:evaluator</c> for the rules' own events, the officer's name for an acknowledgement.</param>
/// <param name="OccurredAt">When it was recorded (UTC).</param>
/// <param name="Cause">
/// What made the evaluator append the event: "new figures", "late return for 2026-07",
/// "revised figure for 2026-09", "target change for 2026-27 by alice", "measure start changed". Null for an acknowledgement.
/// </param>
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

/// <summary>One escalation (an episode for a measure and reason), with its events and the emails sent about it.</summary>
/// <param name="Id">The escalation's id, as in <c>/api/escalations/{id}</c>.</param>
/// <param name="ContractId">The id of the contract the escalation belongs to.</param>
/// <param name="MeasureCode">The code of the measure escalated, such as <c>B13</c>.</param>
/// <param name="Reason">Why it was raised: SustainedFailure, MissingReturns, SustainedDecline or SpecialCauseConcern.</param>
/// <param name="Level">The ladder level it stands at now (1 is the bottom of the ladder).</param>
/// <param name="LevelName">
/// The ladder's name for that level as it stood in the escalation's last period, such as <c>Director</c>; <c>Level n</c>
/// where the ladder has none.
/// </param>
/// <param name="Status">Open, Recovering or Resolved.</param>
/// <param name="OpenedPeriod">The period it was raised in.</param>
/// <param name="LastPeriod">
/// The last period the rules took into account for it: the period it resolved in, or the latest period seen while open.
/// </param>
/// <param name="OpenedAt">When the record was first written (UTC).</param>
/// <param name="ResolvedAt">When it resolved (UTC); null while it is Open or Recovering.</param>
/// <param name="Events">Its events, oldest first.</param>
/// <param name="Notifications">
/// The emails about it, oldest first; always empty for a Provider caller, as the addresses are the council's business.
/// </param>
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

/// <summary>A contract's escalations, as <c>GET …/escalations</c> lists them.</summary>
/// <param name="Escalations">The escalations the <c>status</c> filter selects, oldest first.</param>
public sealed record EscalationListResponse(IReadOnlyList<EscalationResponse> Escalations);

/// <summary>The council records that it has seen an open escalation.</summary>
/// <param name="Note" example="Discussed at the contract manager challenge meeting on 2026-09-14; a recovery plan is due by 2026-09-30.">
/// What the council is doing about it. Required; at most 4,000 characters.
/// </param>
public sealed record AcknowledgeEscalationRequest(string? Note);
