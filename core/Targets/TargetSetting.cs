namespace ContractMonitor.Core.Targets;

/// <summary>One version of a measure's target for a financial year, with why and by whom it was set.</summary>
/// <param name="Current">The highest version of its year: the one periods are rated against.</param>
internal sealed record TargetSetting(
    string Year, decimal Target, decimal Tolerance, string Reason, int Version, bool Current, string SetBy, DateTimeOffset SetAt);
