namespace ContractMonitor.Contracts.Challenges;

/// <summary>The council's question about a measure's figure for a period.</summary>
/// <param name="ResponseDueDate">When the trust should have answered by; without it the challenge is never overdue.</param>
public sealed record CreateChallengeRequest(string? MeasureCode, string? Period, string? Text, DateOnly? ResponseDueDate);

public sealed record RespondToChallengeRequest(string? Text);

/// <param name="Note">Why the council closes it; required when the outcome is Disputed.</param>
public sealed record CloseChallengeRequest(ChallengeOutcome? Outcome, string? Note);

public enum ChallengeStatus
{
    Open,
    Responded,
    Closed,
}

public enum ChallengeOutcome
{
    Agreed,
    Disputed,
}

public enum ChallengeFilter
{
    All,
    Open,
    Responded,
    Closed,
    /// <summary>Open past the response due date with no response.</summary>
    Overdue,
}

/// <summary>A response from the trust, with the return revision current when it was written.</summary>
public sealed record ChallengeReply(
    long Id,
    string Text,
    int? Revision,
    string Author,
    string AuthorOrg,
    DateTimeOffset CreatedAt);

/// <summary>
/// A challenge as both sides read it.
/// </summary>
/// <param name="ChallengedRevision">The return revision it was pinned to; null when no return had been sent.</param>
/// <param name="ChallengedWithoutReturn">True when the challenge was written before any return for the period.</param>
/// <param name="ChallengedValue">The figure the council questioned.</param>
/// <param name="CurrentValue">The figure that counts now; differs from the challenged value when the trust revised it since.</param>
/// <param name="RevisedSinceChallenge">A later revision has been sent since the challenge was written.</param>
/// <param name="Overdue">Still unanswered after its response due date.</param>
public sealed record ChallengeDetail(
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
    IReadOnlyList<ChallengeReply> Responses);

public sealed record ChallengeListResponse(IReadOnlyList<ChallengeDetail> Challenges);
