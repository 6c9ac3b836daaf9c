using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Api.Features.Evaluations;

/// <summary>Core's standings in the shapes the API promises (DESIGN §5.1).</summary>
internal static class StandingMapping
{
    public static StatusResponse ToResponse(this ContractStanding standing) =>
        new(standing.AsOf, standing.Measures.Select(m => new MeasureStatus(m.Code, m.Title, m.Period, m.Value, m.Target, m.Tolerance,
            m.Rating, m.Direction, m.Flags, m.Escalation is { } e ? new EscalationSummary(e.Id, e.Reason, e.Level, e.LevelName, e.Status) : null,
            m.Revision, m.TargetVersion)).ToList());

    public static SummaryResponse ToResponse(this StandingCounts c) =>
        new(c.AsOf, c.Total, c.OnTarget, c.WithinTolerance, c.Failing, c.Missing, c.Pending, c.Improving, c.Declining, c.OpenEscalations);

    public static HistoryResponse ToResponse(this MeasureHistory history) =>
        new(history.Code, history.Periods.Select(p => new HistoryPeriod(p.Period, p.Value, p.Target, p.Tolerance, p.Rating, p.Direction, p.Flags,
            p.Revision, p.TargetVersion)).ToList());
}
