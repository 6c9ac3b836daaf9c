namespace ContractMonitor.Contracts.SignOff;

/// <summary>Where a contract period's figures stand between the trust and the council (issue 20).</summary>
public enum PeriodDataState
{
    /// <summary>Figures may come and change; nobody has vouched for them yet.</summary>
    Draft,

    /// <summary>The trust says the period's figures are complete and right.</summary>
    SignedOff,

    /// <summary>The council asked a question; the trust may revise and sign off again.</summary>
    Queried,

    /// <summary>The council accepted them: the figures are locked until the council reopens the period.</summary>
    Accepted,
}

/// <summary>A step in a period's sign-off.</summary>
public enum PeriodAction
{
    /// <summary>The trust vouched for the period's figures.</summary>
    SignedOff,

    /// <summary>The council accepted the signed-off figures.</summary>
    Accepted,

    /// <summary>The council asked the trust about the signed-off figures.</summary>
    Queried,

    /// <summary>The council reopened an accepted period, back to Draft.</summary>
    Reopened,
}

/// <summary>The council's note when it accepts or queries a period's signed-off figures.</summary>
/// <param name="Note" example="Please check the B13 denominator against the July placements list.">
/// For a query, the question (required); for an acceptance, an optional note. At most 1,000 characters.
/// </param>
public sealed record PeriodNoteRequest(string? Note);

/// <summary>The council reopens an accepted period so the trust can revise its figures.</summary>
/// <param name="Reason" example="The trust found two care leavers counted twice in July.">
/// Why the period is reopened. Required; at most 1,000 characters.
/// </param>
public sealed record ReopenPeriodRequest(string Reason);

/// <summary>One step taken in a period's sign-off.</summary>
/// <param name="Action">What was done: SignedOff, Accepted, Queried or Reopened.</param>
/// <param name="Note">
/// The note or reason given with it: a query's question, a reopening's reason, an acceptance's optional note; null when none.
/// </param>
/// <param name="Actor">Who took the step: the name in their token.</param>
/// <param name="ActorOrg">The organisation code of whoever took it, such as <c>doncaster-council</c>.</param>
/// <param name="OccurredAt">When it was taken (UTC).</param>
public sealed record PeriodEventResponse(PeriodAction Action, string? Note, string Actor, string ActorOrg, DateTimeOffset OccurredAt);

/// <summary>A contract period's sign-off (issue 20): its state, the measures it covers and every step taken.</summary>
/// <param name="Period">The period, such as <c>2026-07</c>.</param>
/// <param name="State">Draft, SignedOff, Queried or Accepted.</param>
/// <param name="Measures">The measures the period covers: those of its frequency owed for it.</param>
/// <param name="AcceptedBy">Who accepted it, while it is accepted.</param>
/// <param name="AcceptedAt">When it was accepted (UTC), while it is accepted; otherwise null.</param>
/// <param name="History">Every step taken, oldest first; empty while nobody has taken one.</param>
public sealed record PeriodStateResponse(
    string Period,
    PeriodDataState State,
    IReadOnlyList<string> Measures,
    string? AcceptedBy,
    DateTimeOffset? AcceptedAt,
    IReadOnlyList<PeriodEventResponse> History);
