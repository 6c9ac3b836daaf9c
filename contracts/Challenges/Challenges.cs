namespace ContractMonitor.Contracts.Challenges;

/// <summary>The council's question about a measure's figure for a period.</summary>
/// <param name="MeasureCode" example="B13">The code of the contract's measure being challenged. Required.</param>
/// <param name="Period" example="2026-07">
/// The period whose figure is challenged, of the measure's frequency (a month <c>2026-07</c>, a quarter <c>2026-27-Q2</c> or a
/// year <c>2026-27</c>): one the measure owes a figure for, inside the contract's term and already begun. Required.
/// A period with no return yet may be challenged too.
/// </param>
/// <param name="Text" example="57.5% is below the 60% target for the second month running: what is the plan to recover it?">
/// What the council questions about the figure. Required; at most 4,000 characters.
/// </param>
/// <param name="ResponseDueDate" example="2030-09-30">
/// When the trust should have answered by; without it the challenge is never overdue. Today or later.
/// </param>
public sealed record CreateChallengeRequest(string? MeasureCode, string? Period, string? Text, DateOnly? ResponseDueDate);

/// <summary>The trust's answer to a challenge; the first answer makes the challenge Responded.</summary>
/// <param name="Text" example="Two new supported lodgings providers start in September; we expect B13 back on target by October.">
/// How the trust answers the challenge. Required; at most 4,000 characters.
/// </param>
public sealed record RespondToChallengeRequest(string? Text);

/// <summary>The council closes a challenge as Agreed or Disputed.</summary>
/// <param name="Outcome">Whether the council accepts the trust's account (<c>Agreed</c>) or not (<c>Disputed</c>). Required.</param>
/// <param name="Note" example="The recovery plan is accepted; progress will be reviewed at the October challenge meeting.">
/// Why the council closes it; required when the outcome is Disputed.
/// </param>
public sealed record CloseChallengeRequest(ChallengeOutcome? Outcome, string? Note);

/// <summary>Where a challenge stands: waiting for the trust, answered, or closed by the council.</summary>
public enum ChallengeStatus
{
    /// <summary>Written by the council; the trust has not responded yet.</summary>
    Open,

    /// <summary>The trust has responded at least once; the council has not closed it.</summary>
    Responded,

    /// <summary>Closed by the council as Agreed or Disputed; it takes no more responses.</summary>
    Closed,
}

/// <summary>How the council closed a challenge.</summary>
public enum ChallengeOutcome
{
    /// <summary>The council accepts the trust's account.</summary>
    Agreed,

    /// <summary>The council does not accept the trust's account; the figure goes before the panel with the council's reason.</summary>
    Disputed,
}

/// <summary>Which challenges a list shows (<c>status</c> on <c>GET …/challenges</c>).</summary>
public enum ChallengeFilter
{
    /// <summary>Every challenge (the default).</summary>
    All,

    /// <summary>Only those the trust has not yet responded to.</summary>
    Open,

    /// <summary>Only those the trust has responded to and the council has not closed.</summary>
    Responded,

    /// <summary>Only those the council has closed.</summary>
    Closed,

    /// <summary>Open past the response due date with no response.</summary>
    Overdue,
}

/// <summary>A response from the trust, with the return revision current when it was written.</summary>
/// <param name="Id">The response's id.</param>
/// <param name="Text">What the trust said.</param>
/// <param name="Revision">The return revision that counted when the response was written; null when no return had been sent.</param>
/// <param name="Author">Who wrote it: the name in their token.</param>
/// <param name="AuthorOrg">The organisation code of whoever wrote it, such as <c>doncaster-childrens-trust</c>.</param>
/// <param name="CreatedAt">When it was written (UTC).</param>
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
/// <param name="Id">The challenge's id, as in <c>/api/challenges/{id}</c>.</param>
/// <param name="ContractId">The id of the contract the challenge belongs to.</param>
/// <param name="MeasureCode">The code of the measure challenged, such as <c>B13</c>.</param>
/// <param name="Period">The period whose figure is challenged, such as <c>2026-07</c>.</param>
/// <param name="Text">What the council questions about the figure.</param>
/// <param name="Status">Open until the trust first responds, Responded after, Closed once the council closes it.</param>
/// <param name="Outcome">How the council closed it; null until it is closed.</param>
/// <param name="CloseNote">The council's note on closing it; null until it is closed, or when it was closed as Agreed without a note.</param>
/// <param name="ResponseDueDate">When the trust should have answered by; null when no date was set.</param>
/// <param name="Overdue">Still unanswered after its response due date.</param>
/// <param name="ChallengedRevision">The return revision it was pinned to; null when no return had been sent.</param>
/// <param name="ChallengedWithoutReturn">True when the challenge was written before any return for the period.</param>
/// <param name="ChallengedValue">The figure the council questioned; null when it was written before any return.</param>
/// <param name="CurrentRevision">The return revision that counts now; null while no return has been sent.</param>
/// <param name="CurrentValue">
/// The figure that counts now; differs from the challenged value when the trust revised it since. Null while no return has been sent.
/// </param>
/// <param name="RevisedSinceChallenge">A later revision has been sent since the challenge was written.</param>
/// <param name="CreatedBy">Who wrote the challenge: the name in their token.</param>
/// <param name="CreatedByOrg">The organisation code of whoever wrote it, such as <c>doncaster-council</c>.</param>
/// <param name="CreatedAt">When it was written (UTC).</param>
/// <param name="ClosedBy">Who closed it; null until it is closed.</param>
/// <param name="ClosedAt">When it was closed (UTC); null until it is closed.</param>
/// <param name="Responses">The trust's responses, oldest first; empty when there are none.</param>
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

/// <summary>The contract's challenges, as <c>GET …/challenges</c> lists them.</summary>
/// <param name="Challenges">The challenges the filters select, oldest first.</param>
public sealed record ChallengeListResponse(IReadOnlyList<ChallengeDetail> Challenges);
