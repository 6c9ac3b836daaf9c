using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Claims;
using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Core.SplitScreen;

/// <summary>The split screen of DESIGN §3.5: every measure at its latest period ended by the date, with both voices.</summary>
internal sealed record SplitScreenReport(DateOnly AsOf, long ContractId, string Reference, string Title, IReadOnlyList<SplitScreenLine> Rows);

/// <param name="RatedRevision">The revision the rating was worked out from; behind the provider's revision until the next evaluation.</param>
internal sealed record SplitScreenLine(
    string MeasureCode,
    string Title,
    string? Period,
    decimal? Target,
    decimal? Tolerance,
    Rating Rating,
    Direction? Direction,
    IReadOnlyList<RatingCaveat> Flags,
    OpenEscalation? Escalation,
    int? RatedRevision,
    ProviderVoice Provider,
    CommissionerVoice Commissioner);

/// <summary>The trust's side: its current figure for the period and what it has said about it.</summary>
internal sealed record ProviderVoice(
    decimal? Value, int? Revision, decimal? Numerator, decimal? Denominator, bool? Late, DateTimeOffset? SubmittedAt,
    IReadOnlyList<ProviderClaim> Claims);

/// <summary>The council's side: challenges on the period, and open ones on earlier periods of the measure.</summary>
internal sealed record CommissionerVoice(IReadOnlyList<Challenge> Challenges);
