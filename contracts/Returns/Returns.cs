namespace ContractMonitor.Contracts.Returns;

/// <summary>A batch of figures, stored all together or not at all.</summary>
/// <param name="Returns">
/// The figures to store: 1 to 5,000 rows, one per measure and period. Required. One bad row stores nothing and the error names
/// it (<c>returns[3].value</c>); a batch that would revise a period already signed off or accepted is refused whole.
/// </param>
public sealed record SubmitReturnsRequest(IReadOnlyList<ReturnRowRequest?>? Returns);

/// <summary>
/// One figure. Every field is optional on the wire so that a missing one is reported against its
/// row (<c>returns[3].value</c>) with the other rows' problems, rather than failing the whole body.
/// </summary>
/// <param name="MeasureCode" example="B13">The code of the contract's measure the figure is for; case does not matter. Required.</param>
/// <param name="Period" example="2026-07">
/// The period the figure is for, of the measure's frequency: a month <c>2026-07</c>, a quarter <c>2026-27-Q2</c> or a financial
/// year <c>2026-27</c>. It must be one the measure owes (from its start period, before any retirement), inside the contract's
/// term and already begun. Required.
/// </param>
/// <param name="Value" example="57.5">
/// The figure, in the measure's unit and to at most its decimal places: a Percent from 0 to 100, a Count a whole number of 0
/// or more, Days and Rate 0 or more. Required.
/// </param>
/// <param name="Numerator" example="23">
/// The count the figure was worked out from, with <c>denominator</c>: send both or neither. 0 or more, at most 6 decimal
/// places. For a Percent it must not exceed the denominator, and numerator ÷ denominator × 100 must equal the value to the
/// measure's decimal places.
/// </param>
/// <param name="Denominator" example="40">
/// The count the figure is out of, with <c>numerator</c>: send both or neither. More than 0, at most 6 decimal places. A
/// Percent whose denominator is below the contract's small cohort is flagged SmallCohort.
/// </param>
/// <param name="Commentary" example="Three young people moved into supported lodgings in the last week of July and are counted from August.">
/// The trust's claim for this figure, shown on its side of the split screen. Optional; at most 4,000 characters; line breaks
/// allowed. A row that repeats the figure, fraction and commentary that count now writes no new revision.
/// </param>
public sealed record ReturnRowRequest(
    string? MeasureCode,
    string? Period,
    decimal? Value,
    decimal? Numerator,
    decimal? Denominator,
    string? Commentary);

/// <summary>One stored revision of the figure for a measure and period.</summary>
/// <param name="MeasureCode">The code of the measure, such as <c>B13</c>.</param>
/// <param name="Period">The period the figure is for, such as <c>2026-07</c>.</param>
/// <param name="Value">The figure, in the measure's unit.</param>
/// <param name="Numerator">The count the figure was worked out from; null when none was sent.</param>
/// <param name="Denominator">The count the figure is out of; null when none was sent.</param>
/// <param name="Commentary">The trust's claim for this figure, shown on its side of the split screen; null when none was sent.</param>
/// <param name="Revision">
/// The revision's number for this measure and period: 1 for the first figure, one more for each changed resubmission. The
/// highest counts.
/// </param>
/// <param name="Late">Received after <c>dueDate</c>.</param>
/// <param name="SmallCohort">A percentage whose denominator is below the contract's small cohort: its rating is indicative.</param>
/// <param name="DueDate">The day the period's return is due: <c>returnDueDays</c> (as in force for the period) after the period ends.</param>
/// <param name="SubmittedBy">Who sent it: the name in their token.</param>
/// <param name="SubmittedByOrg">The organisation code of whoever sent it, such as <c>doncaster-childrens-trust</c>.</param>
/// <param name="SubmittedAt">When it was received (UTC).</param>
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

/// <summary>A list of returns: a submission's answer, or the figures that count now.</summary>
/// <param name="Returns">
/// For a submission, each row stored (or repeated), in the batch's order; for a list, the figure that counts for each
/// measure and period, by measure code then period.
/// </param>
public sealed record ReturnListResponse(IReadOnlyList<ReturnResponse> Returns);

/// <summary>The figure that counts for a measure and period, and every revision of it, oldest first.</summary>
/// <param name="MeasureCode">The code of the measure, such as <c>B13</c>.</param>
/// <param name="Period">The period, such as <c>2026-07</c>.</param>
/// <param name="DueDate">The day the period's return is due.</param>
/// <param name="Current">The revision that counts: the latest.</param>
/// <param name="Revisions">Every revision, oldest first, the one that counts last.</param>
public sealed record ReturnHistoryResponse(
    string MeasureCode,
    string Period,
    DateOnly DueDate,
    ReturnResponse Current,
    IReadOnlyList<ReturnResponse> Revisions);
