using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Claims;
using ContractMonitor.Contracts.Evaluations;

namespace ContractMonitor.Contracts.SplitScreen;

/// <summary>The trust's side of a row: the figure that counts and everything it has said about it.</summary>
/// <param name="Value">The current figure; null when no return has been sent.</param>
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
public sealed record CommissionerSide(IReadOnlyList<ChallengeDetail> Challenges);

/// <summary>
/// One measure at its latest period ended by the report's date.
/// </summary>
/// <param name="RatedRevision">The revision the rating was worked out from; behind <see cref="ProviderSide.Revision"/> until the next evaluation.</param>
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

public sealed record SplitScreenResponse(
    DateOnly AsOf,
    long ContractId,
    string Reference,
    string Title,
    IReadOnlyList<SplitScreenRow> Rows,
    DateTimeOffset? KnownAt = null);
