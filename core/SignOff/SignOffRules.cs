using ContractMonitor.Contracts.SignOff;

namespace ContractMonitor.Core.SignOff;

/// <summary>One step of a period's sign-off as stored.</summary>
internal sealed record PeriodStep(PeriodAction Action, string? Note, string Actor, string ActorOrg, DateTimeOffset OccurredAt);

/// <summary>
/// The sign-off of a period, without I/O: Draft → SignedOff (trust) → Accepted or Queried (council);
/// Queried → SignedOff again; Accepted → Draft by a reopen (council). Accepted locks the figures.
/// </summary>
internal static class SignOffRules
{
    /// <summary>The state after the steps so far, oldest first.</summary>
    public static PeriodDataState StateOf(IEnumerable<PeriodStep> steps) => steps.LastOrDefault()?.Action switch
    {
        null or PeriodAction.Reopened => PeriodDataState.Draft,
        PeriodAction.SignedOff => PeriodDataState.SignedOff,
        PeriodAction.Queried => PeriodDataState.Queried,
        PeriodAction.Accepted => PeriodDataState.Accepted,
        _ => throw new ArgumentOutOfRangeException(nameof(steps), "Unknown period action."),
    };

    /// <returns>Why the step cannot be taken from <paramref name="state"/>, or null when it can.</returns>
    public static string? Refusal(PeriodDataState state, PeriodAction action) => (state, action) switch
    {
        (PeriodDataState.Draft or PeriodDataState.Queried, PeriodAction.SignedOff) => null,
        (PeriodDataState.SignedOff, PeriodAction.Accepted or PeriodAction.Queried) => null,
        (PeriodDataState.Accepted, PeriodAction.Reopened) => null,
        (PeriodDataState.SignedOff, PeriodAction.SignedOff) => "The period is already signed off, and waits for the council.",
        (PeriodDataState.Accepted, PeriodAction.SignedOff) => "The period is accepted; the council must reopen it first.",
        (PeriodDataState.Accepted, _) => "The period is already accepted.",
        (_, PeriodAction.Accepted or PeriodAction.Queried) => "Only a period the trust has signed off can be accepted or queried.",
        (_, PeriodAction.Reopened) => "Only an accepted period can be reopened.",
        _ => "That step cannot be taken now.",
    };
}
