namespace ContractMonitor.Contracts.Targets;

/// <summary>
/// A measure's target and tolerance for a financial year, as <c>PUT …/measures/{code}/targets/{year}</c> takes them (year
/// such as <c>2026-27</c>).
/// </summary>
/// <param name="Target" example="60">
/// The figure to reach, in the measure's unit and to at most its decimal places: at or better than it is
/// OnTarget (green). Required.
/// </param>
/// <param name="Tolerance" example="55">
/// The edge between amber and red, in the measure's unit: at or below the target where higher is better, at or above it where
/// lower is better. Worse than it is Failing. Required.
/// </param>
/// <param name="Reason" example="Annual review 2026-27: target agreed at the April contract meeting.">
/// Why the target is set or changed: kept with the version and in the audit. Required; at most 1,000 characters. The same
/// target, tolerance and reason again adds no version.
/// </param>
public sealed record SetTargetRequest(decimal? Target, decimal? Tolerance, string Reason);

/// <summary>One version of a measure's target for a financial year; the highest version is in force.</summary>
/// <param name="Year">The financial year, such as <c>2026-27</c> (1 April 2026 to 31 March 2027).</param>
/// <param name="Target">The figure to reach, in the measure's unit.</param>
/// <param name="Tolerance">The edge between amber and red, in the measure's unit.</param>
/// <param name="Reason">Why this version was set.</param>
/// <param name="Version">The version's number within the year: 1 for the first, one more for each change.</param>
/// <param name="Current">True for the year's highest version, the one periods of the year are rated against.</param>
/// <param name="SetBy">Who set it: the name in their token.</param>
/// <param name="SetAt">When it was set (UTC).</param>
public sealed record TargetResponse(
    string Year,
    decimal Target,
    decimal Tolerance,
    string Reason,
    int Version,
    bool Current,
    string SetBy,
    DateTimeOffset SetAt);

/// <summary>Every target version of a measure, as <c>GET …/measures/{code}/targets</c> answers.</summary>
/// <param name="Code">The measure's code, such as <c>B13</c>.</param>
/// <param name="Targets">Every version of every year, oldest year first and by version within it.</param>
public sealed record TargetHistoryResponse(string Code, IReadOnlyList<TargetResponse> Targets);
