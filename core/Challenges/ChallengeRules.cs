using System.Globalization;
using ContractMonitor.Contracts.Challenges;

namespace ContractMonitor.Core.Challenges;

/// <summary>
/// The life of a challenge (DESIGN §3.5): Open until the trust first responds, Responded after,
/// Closed as Agreed or Disputed by the council. A closed challenge takes no more responses and
/// cannot be closed again.
/// </summary>
internal static class ChallengeRules
{
    /// <summary>Still waiting for the trust after the day it should have answered by.</summary>
    public static bool IsOverdue(ChallengeStatus status, DateOnly? responseDueDate, DateOnly today) =>
        status == ChallengeStatus.Open && responseDueDate is { } due && today > due;

    /// <summary>The status after a response, or null when the challenge takes none.</summary>
    public static ChallengeStatus? AfterResponse(ChallengeStatus status) =>
        status == ChallengeStatus.Closed ? null : ChallengeStatus.Responded;

    /// <summary>The status a challenge's life so far gives it: how a past view tells it without a status history.</summary>
    public static ChallengeStatus StatusOf(bool closed, int responses) =>
        closed ? ChallengeStatus.Closed : responses > 0 ? ChallengeStatus.Responded : ChallengeStatus.Open;

    /// <summary>
    /// The council may close an Open challenge too: a question answered at the challenge meeting
    /// needs no written response before it is agreed.
    /// </summary>
    public static bool CanClose(ChallengeStatus status) => status != ChallengeStatus.Closed;

    /// <summary>A due date before the challenge is written could only ever be overdue.</summary>
    public static string? CheckResponseDueDate(DateOnly? responseDueDate, DateOnly today) =>
        responseDueDate is { } due && due < today
            ? string.Create(CultureInfo.InvariantCulture, $"must be today ({today:yyyy-MM-dd}) or later; {due:yyyy-MM-dd} has passed.")
            : null;

    /// <summary>A disputed figure goes before the panel, which needs the council's reason.</summary>
    public static string? CheckCloseNote(ChallengeOutcome outcome, string? note) =>
        outcome == ChallengeOutcome.Disputed && string.IsNullOrWhiteSpace(note)
            ? "is required when the outcome is Disputed: say why the council does not accept the trust's account."
            : null;
}
