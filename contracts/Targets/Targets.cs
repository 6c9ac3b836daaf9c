namespace ContractMonitor.Contracts.Targets;

public sealed record SetTargetRequest(decimal? Target, decimal? Tolerance, string Reason);

/// <summary>One version of a measure's target for a financial year; the highest version is in force.</summary>
public sealed record TargetResponse(
    string Year,
    decimal Target,
    decimal Tolerance,
    string Reason,
    int Version,
    bool Current,
    string SetBy,
    DateTimeOffset SetAt);

public sealed record TargetHistoryResponse(string Code, IReadOnlyList<TargetResponse> Targets);
