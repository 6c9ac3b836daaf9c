namespace ContractMonitor.Contracts.Claims;

/// <summary>A further note from the trust on a measure's figure for a period.</summary>
/// <param name="MeasureCode" example="B13">The code of the contract's measure the note is about. Required.</param>
/// <param name="Period" example="2026-07">
/// The period the note is about, of the measure's frequency (such as <c>2026-07</c> or <c>2026-27-Q2</c>): one the measure
/// owes a figure for, inside the contract's term and already begun. Required. A return need not have been sent.
/// </param>
/// <param name="Text" example="Since the return, two more young people have moved into supported lodgings; the August figure will show it.">
/// What the trust wants the council to know about the figure. Required; at most 4,000 characters.
/// </param>
public sealed record CreateClaimRequest(string? MeasureCode, string? Period, string? Text);

/// <summary>Where a claim came from.</summary>
public enum ClaimKind
{
    /// <summary>The commentary sent with a return revision.</summary>
    Commentary,

    /// <summary>A note written on its own, after the figure.</summary>
    Note,
}

/// <summary>
/// One thing the trust has said about a figure.
/// </summary>
/// <param name="Id">The note's id; null for commentary, which belongs to its return revision.</param>
/// <param name="Kind">Commentary sent with a return revision, or a note written on its own.</param>
/// <param name="MeasureCode">The code of the measure it is about, such as <c>B13</c>.</param>
/// <param name="Period">The period it is about, such as <c>2026-07</c>.</param>
/// <param name="Text">What the trust said.</param>
/// <param name="Revision">The return revision the claim was written about; null when no return had been sent.</param>
/// <param name="Author">Who said it: the name in their token (for commentary, whoever submitted the return).</param>
/// <param name="AuthorOrg">The organisation code of whoever said it, such as <c>doncaster-childrens-trust</c>.</param>
/// <param name="CreatedAt">When it was said (UTC): for commentary, when its return revision was submitted.</param>
public sealed record ClaimResponse(
    long? Id,
    ClaimKind Kind,
    string MeasureCode,
    string Period,
    string Text,
    int? Revision,
    string Author,
    string AuthorOrg,
    DateTimeOffset CreatedAt);

/// <summary>Everything the trust has said, as <c>GET …/claims</c> lists it.</summary>
/// <param name="Claims">
/// The commentary of each return revision and every note, oldest first; a revision that repeats the commentary of the one
/// before adds none.
/// </param>
public sealed record ClaimListResponse(IReadOnlyList<ClaimResponse> Claims);
