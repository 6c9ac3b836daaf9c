namespace ContractMonitor.Contracts.Register;

/// <param name="MonitoredFrom">
/// The day news starts (DESIGN §3.4). A period that ended before it with no figure is NotCollected, not Missing,
/// and an escalation that opens and resolves before it is recorded but not emailed. Left out: the day the
/// contract is created. Set it when back-loading, to say which periods were really monitored.
/// </param>
/// <param name="RequireAcceptance">
/// Hold escalation emails about a period until the council accepts the period's figures (issue 20); the escalation is
/// recorded at once. Off unless chosen.
/// </param>
public sealed record CreateContractRequest(
    string Reference,
    string Title,
    string ProviderCode,
    DateOnly? StartDate,
    DateOnly? EndDate,
    int? ReturnDueDays,
    int? SmallCohort,
    EscalationPolicyRequest? EscalationPolicy,
    DateOnly? MonitoredFrom = null,
    bool? RequireAcceptance = null);

/// <summary>Every field is optional; what is left out takes the defaults of DESIGN §3.4.</summary>
/// <param name="SpecialCause">Escalate SPC concern signals (SpecialCauseConcern); off unless chosen.</param>
public sealed record EscalationPolicyRequest(
    int? RaiseAfter,
    int? ResolveAfter,
    int? DeclineRunLength,
    IReadOnlyList<LadderLevelRequest>? Ladder,
    bool? SpecialCause = null);

/// <param name="Email">Who is told, beside the panel's chair and vice-chair, when an escalation reaches this level.</param>
public sealed record LadderLevelRequest(int? Level, string Name, string? Email = null);

/// <param name="MonitoredFrom">The day news starts: earlier periods without a figure are NotCollected.</param>
/// <param name="PolicyChanges">
/// The changes of its rules from a period (issue 20); <c>returnDueDays</c>, <c>smallCohort</c> and <c>escalationPolicy</c>
/// are the rules it started with. <c>GET …/policy</c> gives those in force for a period.
/// </param>
public sealed record ContractResponse(
    long Id,
    string Reference,
    string Title,
    string CommissionerCode,
    string ProviderCode,
    DateOnly StartDate,
    DateOnly? EndDate,
    int ReturnDueDays,
    int SmallCohort,
    EscalationPolicy EscalationPolicy,
    DateOnly MonitoredFrom,
    bool RequireAcceptance = false,
    IReadOnlyList<PolicyChangeResponse>? PolicyChanges = null);

public sealed record EscalationPolicy(int RaiseAfter, int ResolveAfter, int DeclineRunLength, IReadOnlyList<LadderLevel> Ladder, bool SpecialCause = false);

public sealed record LadderLevel(int Level, string Name, string? Email = null);

/// <summary>
/// The contract's end moved (issue 20): extended or brought forward.
/// Bringing it forward past periods that already have figures is refused, listing them.
/// </summary>
public sealed record ChangeTermRequest(DateOnly? EndDate, string Reason);
