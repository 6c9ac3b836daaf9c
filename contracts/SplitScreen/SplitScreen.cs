using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Claims;
using ContractMonitor.Contracts.Evaluations;

namespace ContractMonitor.Contracts.SplitScreen;

/// <summary>The trust's side of a row: the figure that counts and everything it has said about it.</summary>
/// <param name="Value">The current figure; null when no return has been sent.</param>
/// <param name="Revision">The revision that counts now; null when no return has been sent.</param>
/// <param name="Numerator">The current figure's numerator; null when none was sent.</param>
/// <param name="Denominator">The current figure's denominator; null when none was sent.</param>
/// <param name="Late">The current figure arrived after the period's due date; null when no return has been sent.</param>
/// <param name="SubmittedAt">When the current figure was received (UTC); null when no return has been sent.</param>
/// <param name="Claims">Commentary of each revision and further notes, oldest first.</param>
public sealed record ProviderSide(
    decimal? Value,
    int? Revision,
    decimal? Numerator,
    decimal? Denominator,
    bool? Late,
    DateTimeOffset? SubmittedAt,
    IReadOnlyList<ClaimResponse> Claims);

/// <summary>
/// The council's side of a row: the challenges on the row's period, and those on earlier periods
/// of the measure that are not yet closed, oldest first.
/// </summary>
/// <param name="Challenges">
/// The challenges on the row's period, and those on earlier periods not yet closed, oldest first; empty when there are none.
/// </param>
public sealed record CommissionerSide(IReadOnlyList<ChallengeDetail> Challenges);

/// <summary>
/// One measure at its latest period ended by the report's date.
/// </summary>
/// <param name="MeasureCode">The measure's code, such as <c>B13</c>.</param>
/// <param name="Title">The measure's title.</param>
/// <param name="Period">The measure's latest period ending on or before <c>asOf</c>; null when none has ended yet.</param>
/// <param name="Target">The target in force for the period's financial year; null when the year has no target or the period is not rated yet.</param>
/// <param name="Tolerance">The tolerance in force for the period's financial year; null as for <c>target</c>.</param>
/// <param name="Rating">The council's rating of the period: OnTarget, WithinTolerance, Failing, Missing, Pending or NotCollected.</param>
/// <param name="Direction">How the figure moved since the previous period, in the measure's sense of better; null when either has no figure.</param>
/// <param name="Flags">Why to read the rating with care (Late, SmallCohort, NoTarget); empty when there is no caveat.</param>
/// <param name="Escalation">The highest-level escalation of the measure still open (Open or Recovering); null when there is none.</param>
/// <param name="RatedRevision">The revision the rating was worked out from; behind <c>provider.revision</c> until the next evaluation.</param>
/// <param name="Provider">The trust's side: its figure and what it has said.</param>
/// <param name="Commissioner">The council's side: its challenges.</param>
/// <param name="Escalations">Every escalation of the measure still open, highest level first; empty when there is none.</param>
/// <param name="Variation">SPC (issue 19): is the latest figure noise or a special cause, and which way.</param>
/// <param name="Assurance">SPC: will the process meet the target, fail it, or hit and miss.</param>
/// <param name="DataState">Where the period's figures stand in sign-off (issue 20); null when <c>period</c> is null.</param>
/// <param name="Exception">The agreed exception holding the measure on the day the knowledge is of (issue 20); null when none holds.</param>
public sealed record SplitScreenRow(
    string MeasureCode,
    string Title,
    string? Period,
    decimal? Target,
    decimal? Tolerance,
    Rating Rating,
    Direction? Direction,
    IReadOnlyList<RatingCaveat> Flags,
    EscalationSummary? Escalation,
    int? RatedRevision,
    ProviderSide Provider,
    CommissionerSide Commissioner,
    IReadOnlyList<EscalationSummary> Escalations,
    ContractMonitor.Contracts.Spc.Variation? Variation = null,
    ContractMonitor.Contracts.Spc.Assurance? Assurance = null,
    ContractMonitor.Contracts.SignOff.PeriodDataState? DataState = null,
    ContractMonitor.Contracts.Exceptions.ExceptionSummary? Exception = null);

/// <summary>The split screen of a contract as at a date (DESIGN §3.5): both voices beside each measure's rating.</summary>
/// <param name="AsOf">The date that chose the periods: each measure's latest period ended on or before it.</param>
/// <param name="ContractId">The contract's id.</param>
/// <param name="Reference">The contract's reference, such as <c>CSC-2026</c>.</param>
/// <param name="Title">The contract's title.</param>
/// <param name="Rows">One row for every measure of the contract, by code; a measure retired by its latest period is left out.</param>
/// <param name="KnownAt">The instant the knowledge is of (DESIGN §5); null for what is known now.</param>
public sealed record SplitScreenResponse(
    DateOnly AsOf,
    long ContractId,
    string Reference,
    string Title,
    IReadOnlyList<SplitScreenRow> Rows,
    DateTimeOffset? KnownAt = null);
