using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Returns;

namespace ContractMonitor.Api.Features.Returns;

internal static class ReturnMapping
{
    public static ReturnResponse ToResponse(this StoredReturn r) => new(
        r.MeasureCode, r.Period, r.Value, r.Numerator, r.Denominator, r.Commentary, r.Revision, r.Late, r.SmallCohort, r.DueDate,
        r.SubmittedBy, r.SubmittedByOrg, r.SubmittedAt, r.Unchanged);

    public static List<ReturnResponse> ToResponses(this IEnumerable<StoredReturn> returns) => returns.Select(r => r.ToResponse()).ToList();

    public static ReturnHistoryResponse ToResponse(this ReturnRevisions h) =>
        new(h.MeasureCode, h.Period, h.DueDate, h.Current.ToResponse(), h.Revisions.ToResponses());
}
