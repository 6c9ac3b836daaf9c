using ContractMonitor.Contracts.Claims;

namespace ContractMonitor.Core.Claims;

/// <summary>One thing the trust has said about a figure: the commentary of a return revision, or a note of its own.</summary>
/// <param name="Id">The note's id; null for commentary, which belongs to its return revision.</param>
internal sealed record ProviderClaim(
    long? Id, ClaimKind Kind, string MeasureCode, string Period, string Text, int? Revision, string Author, string AuthorOrg,
    DateTimeOffset CreatedAt);
