using ContractMonitor.Api.Features.Challenges;
using ContractMonitor.Api.Features.Claims;
using ContractMonitor.Api.Features.Evaluations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.SplitScreen;
using ContractMonitor.Core.SplitScreen;

namespace ContractMonitor.Api.Features.SplitScreen;

internal static class SplitScreenMapping
{
    public static SplitScreenResponse ToResponse(this SplitScreenReport report) => new(
        report.AsOf, report.ContractId, report.Reference, report.Title, report.Rows.Select(r => new SplitScreenRow(
            r.Standing.Code, r.Standing.Title, r.Standing.Period, r.Standing.Figure.Target, r.Standing.Figure.Tolerance,
            r.Standing.Figure.Rating, r.Standing.Figure.Direction, r.Standing.Figure.Flags, r.Standing.Escalation?.ToResponse(),
            r.Standing.Figure.Revision,
            new ProviderSide(r.Provider.Value, r.Provider.Revision, r.Provider.Numerator, r.Provider.Denominator, r.Provider.Late,
                r.Provider.SubmittedAt, r.Provider.Claims.Select(c => c.ToResponse()).ToList()),
            new CommissionerSide(r.Commissioner.Challenges.Select(c => c.ToResponse()).ToList()),
            r.Standing.Escalations.Select(e => e.ToResponse()).ToList(), r.Standing.Spc?.Variation, r.Standing.Spc?.Assurance)).ToList());
}
