using ContractMonitor.Api.Features.Challenges;
using ContractMonitor.Api.Features.Claims;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.SplitScreen;
using ContractMonitor.Core.SplitScreen;

namespace ContractMonitor.Api.Features.SplitScreen;

internal static class SplitScreenMapping
{
    public static SplitScreenResponse ToResponse(this SplitScreenReport report) => new(
        report.AsOf, report.ContractId, report.Reference, report.Title, report.Rows.Select(r => new SplitScreenRow(
            r.Standing.Code, r.Standing.Title, r.Standing.Period, r.Standing.Target, r.Standing.Tolerance, r.Standing.Rating,
            r.Standing.Direction, r.Standing.Flags,
            r.Standing.Escalation is { } e ? new EscalationSummary(e.Id, e.Reason, e.Level, e.LevelName, e.Status) : null, r.Standing.Revision,
            new ProviderSide(r.Provider.Value, r.Provider.Revision, r.Provider.Numerator, r.Provider.Denominator, r.Provider.Late,
                r.Provider.SubmittedAt, r.Provider.Claims.Select(c => c.ToResponse()).ToList()),
            new CommissionerSide(r.Commissioner.Challenges.Select(c => c.ToResponse()).ToList()))).ToList());
}
