namespace ContractMonitor.Contracts.Register;

/// <summary>A new contract the caller's council commissions, as <c>POST /api/contracts</c> takes it.</summary>
/// <param name="Reference" example="CSC-2026">
/// The contract's reference, unique among the council's contracts whatever its case (a second is 409).
/// Required; at most 64 characters.
/// </param>
/// <param name="Title" example="Children's social care services">The contract's title. Required; at most 200 characters.</param>
/// <param name="ProviderCode" example="doncaster-childrens-trust">
/// The code of the registered Provider organisation that delivers the contract (422 when no provider has it). Required.
/// </param>
/// <param name="StartDate" example="2026-04-01">
/// The first day of the contract's term: only periods inside the term are accepted and rated. Required.
/// </param>
/// <param name="EndDate" example="2031-03-31">The last day of the term, after the start date; left out, the contract is open-ended.</param>
/// <param name="ReturnDueDays" example="15">How many days after a period ends its return is due: 0 to 365. Left out: 15.</param>
/// <param name="SmallCohort" example="10">
/// A percentage whose denominator is below this is flagged as a small cohort and its rating is indicative: 1
/// to 100,000. Left out: 10.
/// </param>
/// <param name="EscalationPolicy">When escalations open, climb and resolve, and the ladder they climb; left out, the defaults of DESIGN §3.4.</param>
/// <param name="MonitoredFrom" example="2026-04-01">
/// The day news starts (DESIGN §3.4). A period that ended before it with no figure is NotCollected, not Missing,
/// and an escalation that opens and resolves before it is recorded but not emailed. Left out: the day the
/// contract is created. Set it when back-loading, to say which periods were really monitored.
/// </param>
/// <param name="RequireAcceptance" example="false">
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
/// <param name="RaiseAfter" example="2">
/// How many consecutive Failing (or Missing) periods open a SustainedFailure (or MissingReturns) escalation: 1 to 24. Left out: 2.
/// </param>
/// <param name="ResolveAfter" example="2">How many consecutive good periods resolve an escalation: 1 to 24. Left out: 2.</param>
/// <param name="DeclineRunLength" example="3">
/// How many consecutive Declining periods open a SustainedDecline escalation: 2 to 24. Left out: 3.
/// </param>
/// <param name="Ladder">
/// The levels an escalation climbs, numbered 1, 2, 3… with no gaps or repeats: 1 to 10 levels. Left out: 1 Contract manager
/// challenge meeting, 2 Director, 3 Scrutiny panel, 4 Department for Education.
/// </param>
/// <param name="SpecialCause" example="false">Escalate SPC concern signals (SpecialCauseConcern); off unless chosen.</param>
public sealed record EscalationPolicyRequest(
    int? RaiseAfter,
    int? ResolveAfter,
    int? DeclineRunLength,
    IReadOnlyList<LadderLevelRequest>? Ladder,
    bool? SpecialCause = null);

/// <summary>One level of an escalation ladder, as a contract or a policy change sends it.</summary>
/// <param name="Level" example="2">The level's number: 1 is where an escalation opens, and each climb goes one higher. Required.</param>
/// <param name="Name" example="Director">The level's name, as emails and pages show it. Required; at most 200 characters.</param>
/// <param name="Email" example="director@doncaster.gov.uk">
/// Who is told, beside the panel's chair and vice-chair, when an escalation reaches this level: an email address of at most
/// 254 characters. Optional; in a policy change, a level sent without one loses the address it had.
/// </param>
public sealed record LadderLevelRequest(int? Level, string Name, string? Email = null);

/// <summary>A contract, as the contract endpoints answer.</summary>
/// <param name="Id">The contract's id, as in <c>/api/contracts/{contractId}</c>.</param>
/// <param name="Reference">The contract's reference, such as <c>CSC-2026</c>.</param>
/// <param name="Title">The contract's title.</param>
/// <param name="CommissionerCode">The code of the council that commissions it: the organisation of the Admin who created it.</param>
/// <param name="ProviderCode">The code of the provider that delivers it, such as <c>doncaster-childrens-trust</c>.</param>
/// <param name="StartDate">The first day of the contract's term.</param>
/// <param name="EndDate">The last day of the term; null while the contract is open-ended.</param>
/// <param name="ReturnDueDays">
/// How many days after a period ends its return is due, as the contract started; <c>policyChanges</c> may change it from a period.
/// </param>
/// <param name="SmallCohort">
/// The denominator below which a percentage is a small cohort, as the contract started; <c>policyChanges</c>
/// may change it from a period.
/// </param>
/// <param name="EscalationPolicy">When escalations open, climb and resolve, and the ladder, as the contract started.</param>
/// <param name="MonitoredFrom">The day news starts: earlier periods without a figure are NotCollected.</param>
/// <param name="RequireAcceptance">Escalation emails about a period wait until the council accepts the period's figures (issue 20).</param>
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

/// <summary>When a contract's escalations open, climb and resolve (DESIGN §3.4), and the ladder they climb.</summary>
/// <param name="RaiseAfter">How many consecutive Failing (or Missing) periods open a SustainedFailure (or MissingReturns) escalation.</param>
/// <param name="ResolveAfter">How many consecutive good periods resolve an escalation.</param>
/// <param name="DeclineRunLength">How many consecutive Declining periods open a SustainedDecline escalation.</param>
/// <param name="Ladder">The levels an escalation climbs, lowest first.</param>
/// <param name="SpecialCause">Whether SPC concern signals are escalated (SpecialCauseConcern).</param>
public sealed record EscalationPolicy(int RaiseAfter, int ResolveAfter, int DeclineRunLength, IReadOnlyList<LadderLevel> Ladder, bool SpecialCause = false);

/// <summary>One level of a contract's escalation ladder.</summary>
/// <param name="Level">The level's number: 1 is where an escalation opens.</param>
/// <param name="Name">The level's name, such as <c>Director</c>.</param>
/// <param name="Email">Who is told, beside the panel's chair and vice-chair, when an escalation reaches this level; null for nobody else.</param>
public sealed record LadderLevel(int Level, string Name, string? Email = null);

/// <summary>
/// The contract's end moved (issue 20): extended or brought forward.
/// Bringing it forward past periods that already have figures is refused, listing them.
/// </summary>
/// <param name="EndDate" example="2032-03-31">The contract's new last day: after its start date, and no later than 9997-12-31. Required.</param>
/// <param name="Reason" example="Extended by one year under clause 4.2 of the contract.">
/// Why the term changes: kept in the audit. Required; at most 1,000 characters.
/// </param>
public sealed record ChangeTermRequest(DateOnly? EndDate, string Reason);
