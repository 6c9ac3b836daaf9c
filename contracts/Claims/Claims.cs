namespace ContractMonitor.Contracts.Claims;

/// <summary>A further note from the trust on a measure's figure for a period.</summary>
public sealed record CreateClaimRequest(string? MeasureCode, string? Period, string? Text);

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
/// <param name="Revision">The return revision the claim was written about; null when no return had been sent.</param>
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

public sealed record ClaimListResponse(IReadOnlyList<ClaimResponse> Claims);
