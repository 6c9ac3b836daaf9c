using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;

namespace ContractMonitor.Core.Evaluations;

/// <summary>Where every measure of a contract stands at a date: what the status read, pages, papers and digests work from.</summary>
internal sealed record ContractStanding(DateOnly AsOf, IReadOnlyList<MeasureStanding> Measures);

/// <summary>
/// A measure's latest period ended by the date, rated, with every escalation of it still open, the
/// highest first. Period is null when no period of the measure has ended by then.
/// </summary>
/// <param name="Spc">The measure's SPC icons (issue 19) over its figures up to the period: signal or noise, and assurance.</param>
internal sealed record MeasureStanding(
    string Code, string Title, string? Period, RatedFigure Figure, IReadOnlyList<OpenEscalation> Escalations,
    ContractMonitor.Contracts.Spc.SpcIcons? Spc = null)
{
    public OpenEscalation? Escalation => Escalations.Count == 0 ? null : Escalations[0];
}

/// <summary>
/// A period as it is rated: the figure, the target version it was held to, and what came of it. A
/// period with nothing rated yet is <see cref="Pending"/>.
/// </summary>
internal sealed record RatedFigure(
    decimal? Value,
    decimal? Target,
    decimal? Tolerance,
    Rating Rating,
    Direction? Direction,
    IReadOnlyList<RatingCaveat> Flags,
    int? Revision,
    int? TargetVersion)
{
    public static RatedFigure Pending { get; } = new(null, null, null, Rating.Pending, null, [], null, null);
}

/// <summary>An unresolved escalation as a measure's standing shows it.</summary>
internal sealed record OpenEscalation(long Id, EscalationReason Reason, int Level, string LevelName, EscalationStatus Status);

/// <summary>A standing counted: every measure once by rating, and by direction where it has one.</summary>
internal sealed record StandingCounts(
    DateOnly AsOf, int Total, int OnTarget, int WithinTolerance, int Failing, int Missing, int Pending, int Improving, int Declining,
    int OpenEscalations);

/// <summary>A measure's periods, oldest first, each as it is rated.</summary>
internal sealed record MeasureHistory(string Code, IReadOnlyList<PeriodStanding> Periods);

internal sealed record PeriodStanding(string Period, RatedFigure Figure);
