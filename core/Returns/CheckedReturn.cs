using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Returns;

/// <summary>A row that has passed every rule of <see cref="ReturnRules"/>, ready to store.</summary>
internal sealed record CheckedReturn(
    Measure Measure,
    Period Period,
    decimal Value,
    decimal? Numerator,
    decimal? Denominator,
    string? Commentary);
