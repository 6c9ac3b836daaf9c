namespace ContractMonitor.Contracts.Register;

/// <summary>
/// A change of the contract's rules from a period (issue 20), at <c>PUT …/policy/{fromPeriod}</c>.
/// Every field but the reason is optional: what is left out keeps the value in force for that period.
/// The ladder keeps its levels; only their names and addresses change.
/// </summary>
/// <param name="Reason">Why, for the audit: "annual review 2019".</param>
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
public sealed record PolicyVersionResponse(
    string? FromPeriod,
    int ReturnDueDays,
    int SmallCohort,
    int RaiseAfter,
    int ResolveAfter,
    int DeclineRunLength,
    IReadOnlyList<LadderLevel> Ladder);

/// <summary>One recorded change: the whole version it put in force from its period, who recorded it, when and why.</summary>
public sealed record PolicyChangeResponse(
    long Id,
    string FromPeriod,
    DateOnly FromDate,
    PolicyVersionResponse Version,
    string Reason,
    string RecordedBy,
    DateTimeOffset RecordedAt);

/// <summary>The contract's rules over its life: those in force for the period asked about, and every change.</summary>
/// <param name="Period">The period <see cref="InForce"/> is for: the one asked for, or the month containing today.</param>
public sealed record PolicyResponse(
    string Period,
    PolicyVersionResponse InForce,
    PolicyVersionResponse Initial,
    IReadOnlyList<PolicyChangeResponse> Changes);
