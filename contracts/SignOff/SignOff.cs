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
    SignedOff,
    Accepted,
    Queried,
    Reopened,
}

/// <param name="Note">For a query, the question (required); for an acceptance, an optional note.</param>
public sealed record PeriodNoteRequest(string? Note);

public sealed record ReopenPeriodRequest(string Reason);

public sealed record PeriodEventResponse(PeriodAction Action, string? Note, string Actor, string ActorOrg, DateTimeOffset OccurredAt);

/// <param name="Measures">The measures the period covers: those of its frequency owed for it.</param>
/// <param name="AcceptedBy">Who accepted it, while it is accepted.</param>
public sealed record PeriodStateResponse(
    string Period,
    PeriodDataState State,
    IReadOnlyList<string> Measures,
    string? AcceptedBy,
    DateTimeOffset? AcceptedAt,
    IReadOnlyList<PeriodEventResponse> History);
