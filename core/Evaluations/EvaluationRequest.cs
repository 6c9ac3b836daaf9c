using ContractMonitor.Contracts.Evaluations;

namespace ContractMonitor.Core.Evaluations;

/// <summary>An "evaluate now" request; once completed, the counts say what the run changed.</summary>
internal sealed record EvaluationRequest(
    long Id, long ContractId, EvaluationRequestStatus Status, string RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt,
    int? EvaluationsWritten, int? EventsWritten);
