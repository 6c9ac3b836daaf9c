namespace ContractMonitor.Contracts.Returns;

/// <summary>A batch of figures, stored all together or not at all.</summary>
public sealed record SubmitReturnsRequest(IReadOnlyList<ReturnRowRequest?>? Returns);

/// <summary>
/// One figure. Every field is optional on the wire so that a missing one is reported against its
/// row (<c>returns[3].value</c>) with the other rows' problems, rather than failing the whole body.
/// </summary>
public sealed record ReturnRowRequest(
    string? MeasureCode,
    string? Period,
    decimal? Value,
    decimal? Numerator,
    decimal? Denominator,
    string? Commentary);

/// <summary>One stored revision of the figure for a measure and period.</summary>
/// <param name="Commentary">The trust's claim for this figure, shown on its side of the split screen.</param>
/// <param name="Late">Received after <paramref name="DueDate"/>.</param>
/// <param name="SmallCohort">A percentage whose denominator is below the contract's small cohort: its rating is indicative.</param>
/// <param name="Unchanged">In a submission's answer: the row repeated the revision that counts, so nothing was written and this is that revision.</param>
public sealed record ReturnResponse(
    string MeasureCode,
    string Period,
    decimal Value,
    decimal? Numerator,
    decimal? Denominator,
    string? Commentary,
    int Revision,
    bool Late,
    bool SmallCohort,
    DateOnly DueDate,
    string SubmittedBy,
    string SubmittedByOrg,
    DateTimeOffset SubmittedAt,
    bool Unchanged = false);

public sealed record ReturnListResponse(IReadOnlyList<ReturnResponse> Returns);

/// <summary>The figure that counts for a measure and period, and every revision before it, oldest first.</summary>
public sealed record ReturnHistoryResponse(
    string MeasureCode,
    string Period,
    DateOnly DueDate,
    ReturnResponse Current,
    IReadOnlyList<ReturnResponse> Revisions);
