using ContractMonitor.Contracts.Register;

namespace ContractMonitor.Core.Contracts;

/// <summary>The defaults of DESIGN §3.1 and §3.4 for whatever a new contract leaves out.</summary>
internal static class ContractDefaults
{
    public const int ReturnDueDays = 15;
    public const int SmallCohort = 10;
    public const int RaiseAfter = 2;
    public const int ResolveAfter = 2;
    public const int DeclineRunLength = 3;

    public static IReadOnlyList<LadderRung> Ladder { get; } =
    [
        new(1, "Contract manager challenge meeting"),
        new(2, "Director"),
        new(3, "Scrutiny panel"),
        new(4, "Department for Education"),
    ];

    public static ContractPolicy PolicyFrom(EscalationPolicyRequest? request) => new(
        request?.RaiseAfter ?? RaiseAfter,
        request?.ResolveAfter ?? ResolveAfter,
        request?.DeclineRunLength ?? DeclineRunLength,
        request?.Ladder is { Count: > 0 } ladder
            ? ladder.Select(l => new LadderRung(l.Level!.Value, l.Name.Trim(), string.IsNullOrWhiteSpace(l.Email) ? null : l.Email.Trim())).OrderBy(l => l.Level).ToList()
            : Ladder,
        request?.SpecialCause ?? false);
}
