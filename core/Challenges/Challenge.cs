using ContractMonitor.Contracts.Challenges;

namespace ContractMonitor.Core.Challenges;

/// <summary>A challenge as both sides read it, pinned to the revision it questioned (DESIGN §3.5).</summary>
/// <param name="ChallengedRevision">The return revision it was pinned to; null when no return had been sent.</param>
/// <param name="CurrentValue">The figure that counts now; differs from the challenged value when the trust revised it since.</param>
internal sealed record Challenge(
    long Id,
    long ContractId,
    string MeasureCode,
    string Period,
    string Text,
    ChallengeStatus Status,
    ChallengeOutcome? Outcome,
    string? CloseNote,
    DateOnly? ResponseDueDate,
    bool Overdue,
    int? ChallengedRevision,
    bool ChallengedWithoutReturn,
    decimal? ChallengedValue,
    int? CurrentRevision,
    decimal? CurrentValue,
    bool RevisedSinceChallenge,
    string CreatedBy,
    string CreatedByOrg,
    DateTimeOffset CreatedAt,
    string? ClosedBy,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<Reply> Responses);

/// <summary>The trust's answer to a challenge, with the return revision current when it was written.</summary>
internal sealed record Reply(long Id, string Text, int? Revision, string Author, string AuthorOrg, DateTimeOffset CreatedAt);
