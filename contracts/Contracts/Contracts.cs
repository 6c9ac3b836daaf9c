namespace ContractMonitor.Contracts.Contracts;

public sealed record CreateContractRequest(
    string Reference,
    string Title,
    string ProviderCode,
    DateOnly? StartDate,
    DateOnly? EndDate,
    int? ReturnDueDays,
    int? SmallCohort,
    EscalationPolicyRequest? EscalationPolicy);

/// <summary>Every field is optional; what is left out takes the defaults of DESIGN §3.4.</summary>
public sealed record EscalationPolicyRequest(
    int? RaiseAfter,
    int? ResolveAfter,
    int? DeclineRunLength,
    IReadOnlyList<LadderLevelRequest>? Ladder);

/// <param name="Email">Who is told, beside the panel's chair and vice-chair, when an escalation reaches this level.</param>
public sealed record LadderLevelRequest(int? Level, string Name, string? Email = null);

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
    EscalationPolicy EscalationPolicy);

public sealed record EscalationPolicy(int RaiseAfter, int ResolveAfter, int DeclineRunLength, IReadOnlyList<LadderLevel> Ladder);

public sealed record LadderLevel(int Level, string Name, string? Email = null);
