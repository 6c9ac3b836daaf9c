using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Api.Features.Evaluations;

/// <summary>Core's standings in the shapes the API promises (DESIGN §5.1).</summary>
internal static class StandingMapping
{
    public static StatusResponse ToResponse(this ContractStanding standing) =>
        new(standing.AsOf, standing.Measures.Select(m => new MeasureStatus(m.Code, m.Title, m.Period, m.Figure.Value, m.Figure.Target,
            m.Figure.Tolerance, m.Figure.Rating, m.Figure.Direction, m.Figure.Flags, m.Escalation?.ToResponse(), m.Figure.Revision,
            m.Figure.TargetVersion, m.Escalations.Select(e => e.ToResponse()).ToList(), m.Spc?.Variation, m.Spc?.Assurance)).ToList());

    public static EscalationSummary ToResponse(this OpenEscalation e) => new(e.Id, e.Reason, e.Level, e.LevelName, e.Status);

    public static SummaryResponse ToResponse(this StandingCounts c) =>
        new(c.AsOf, c.Total, c.OnTarget, c.WithinTolerance, c.Failing, c.Missing, c.Pending, c.Improving, c.Declining, c.OpenEscalations);

    public static HistoryResponse ToResponse(this MeasureHistory history) =>
        new(history.Code, history.Periods.Select(p => new HistoryPeriod(p.Period, p.Figure.Value, p.Figure.Target, p.Figure.Tolerance,
            p.Figure.Rating, p.Figure.Direction, p.Figure.Flags, p.Figure.Revision, p.Figure.TargetVersion)).ToList());

    public static HistoryResponse ToResponse(this IReadOnlyList<Core.Rollups.RolledRating> rolled, string code) =>
        new(code, rolled.Select(r => new HistoryPeriod(r.Figure.Period.ToString(), r.Rated.Value, r.Rated.Target, r.Rated.Tolerance,
            r.Rated.Rating, r.Rated.Direction, r.Rated.Flags, null, r.Rated.TargetVersion, r.Figure.Method, r.Figure.PartsIn,
            r.Figure.PartsOwed, r.Figure.Note)).ToList());
}
