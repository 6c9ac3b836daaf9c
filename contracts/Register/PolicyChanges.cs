namespace ContractMonitor.Contracts.Register;

/// <summary>
/// A change of the contract's rules from a period (issue 20), at <c>PUT …/policy/{fromPeriod}</c>.
/// Every field but the reason is optional: what is left out keeps the value in force for that period.
/// The ladder keeps its levels; only their names and addresses change.
/// </summary>
/// <param name="Reason" example="Annual review 2027-28: returns due 20 days after the month ends.">
/// Why, for the audit: "annual review 2019". Required; at most 1,000 characters.
/// </param>
/// <param name="ReturnDueDays" example="20">How many days after a period ends its return is due, from the period on: 0 to 365.</param>
/// <param name="SmallCohort" example="10">The denominator below which a percentage is a small cohort, from the period on: 1 to 100,000.</param>
/// <param name="RaiseAfter" example="2">How many consecutive Failing (or Missing) periods open an escalation, from the period on: 1 to 24.</param>
/// <param name="ResolveAfter" example="3">How many consecutive good periods resolve an escalation, from the period on: 1 to 24.</param>
/// <param name="DeclineRunLength" example="3">
/// How many consecutive Declining periods open a SustainedDecline escalation, from the period on: 2 to 24.
/// </param>
/// <param name="Ladder">
/// New names and addresses for the ladder's levels: it must list every level the contract has, numbered as they are.
/// Each level's address is replaced by the one sent, so a level sent without one loses it.
/// </param>
public sealed record ChangePolicyRequest(
    string Reason,
    int? ReturnDueDays = null,
    int? SmallCohort = null,
    int? RaiseAfter = null,
    int? ResolveAfter = null,
    int? DeclineRunLength = null,
    IReadOnlyList<LadderLevelRequest>? Ladder = null);

/// <summary>The rules in force for a period: when returns are due, what a small cohort is, how escalations run, and the ladder.</summary>
/// <param name="FromPeriod">The change that made them, by its period; null for the rules the contract started with.</param>
/// <param name="ReturnDueDays">How many days after a period ends its return is due.</param>
/// <param name="SmallCohort">The denominator below which a percentage is a small cohort, its rating indicative.</param>
/// <param name="RaiseAfter">How many consecutive Failing (or Missing) periods open a SustainedFailure (or MissingReturns) escalation.</param>
/// <param name="ResolveAfter">How many consecutive good periods resolve an escalation.</param>
/// <param name="DeclineRunLength">How many consecutive Declining periods open a SustainedDecline escalation.</param>
/// <param name="Ladder">The ladder's levels with their names and addresses, lowest first.</param>
public sealed record PolicyVersionResponse(
    string? FromPeriod,
    int ReturnDueDays,
    int SmallCohort,
    int RaiseAfter,
    int ResolveAfter,
    int DeclineRunLength,
    IReadOnlyList<LadderLevel> Ladder);

/// <summary>One recorded change: the whole version it put in force from its period, who recorded it, when and why.</summary>
/// <param name="Id">The change's id.</param>
/// <param name="FromPeriod">The period it applies from, as it was named, such as <c>2027-04</c>.</param>
/// <param name="FromDate">
/// The first day of that period: the change is in force for every period starting on or after it, until the next change's.
/// </param>
/// <param name="Version">The whole set of rules it put in force.</param>
/// <param name="Reason">Why it was made; a change carried into a later one says so, "(carried from … into the change from …)".</param>
/// <param name="RecordedBy">Who recorded it: the name in their token.</param>
/// <param name="RecordedAt">When it was recorded (UTC).</param>
public sealed record PolicyChangeResponse(
    long Id,
    string FromPeriod,
    DateOnly FromDate,
    PolicyVersionResponse Version,
    string Reason,
    string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>The contract's rules over its life: those in force for the period asked about, and every change.</summary>
/// <param name="Period">The period <c>inForce</c> is for: the one asked for, or the month containing today.</param>
/// <param name="InForce">The rules in force for that period.</param>
/// <param name="Initial">The rules the contract started with.</param>
/// <param name="Changes">Every change of its rules, each with the period it applies from; empty when there is none.</param>
public sealed record PolicyResponse(
    string Period,
    PolicyVersionResponse InForce,
    PolicyVersionResponse Initial,
    IReadOnlyList<PolicyChangeResponse> Changes);
