using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Claims;
using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Core.SplitScreen;

/// <summary>The split screen of DESIGN §3.5: every measure at its latest period ended by the date, with both voices.</summary>
internal sealed record SplitScreenReport(DateOnly AsOf, long ContractId, string Reference, string Title, IReadOnlyList<SplitScreenLine> Rows);

/// <summary>One measure's line: where it stands (its rating worked out from <see cref="RatedFigure.Revision"/>), and both voices.</summary>
internal sealed record SplitScreenLine(MeasureStanding Standing, ProviderVoice Provider, CommissionerVoice Commissioner);

/// <summary>The trust's side: its current figure for the period and what it has said about it.</summary>
internal sealed record ProviderVoice(
    decimal? Value, int? Revision, decimal? Numerator, decimal? Denominator, bool? Late, DateTimeOffset? SubmittedAt,
    IReadOnlyList<ProviderClaim> Claims);

/// <summary>The council's side: challenges on the period, and open ones on earlier periods of the measure.</summary>
internal sealed record CommissionerVoice(IReadOnlyList<Challenge> Challenges);
