using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Api.Features.Evaluations;

internal static class EvaluationRequestMapping
{
    public static EvaluationRequestResponse ToResponse(this EvaluationRequest r) =>
        new(r.Id, r.ContractId, r.Status, r.RequestedBy, r.RequestedAt, r.CompletedAt, r.EvaluationsWritten, r.EventsWritten);
}
