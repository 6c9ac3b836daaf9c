namespace ContractMonitor.Core.Returns;

/// <summary>A revision of a return as the store answers it: the figure, whether it was late or a small cohort, and who sent it.</summary>
internal sealed record StoredReturn(
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
    DateTimeOffset SubmittedAt)
{
    /// <summary>The row repeated the revision that counts, so nothing was written and this is that revision.</summary>
    public bool Unchanged { get; init; }
}

/// <summary>The figure that counts for a measure and period, and every revision before it, oldest first.</summary>
internal sealed record ReturnRevisions(string MeasureCode, string Period, DateOnly DueDate, StoredReturn Current, IReadOnlyList<StoredReturn> Revisions);
