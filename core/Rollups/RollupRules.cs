using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Rollups;

/// <summary>
/// A quarter or a year worked out from a measure's months (or quarters): its value, how it was
/// combined, and how many of its parts it had. Fewer parts than owed is incomplete, and so indicative.
/// </summary>
/// <param name="Denominator">The denominators' sum, when the parts were weighted by them: a small cohort is judged on it.</param>
internal sealed record RolledFigure(Period Period, decimal? Value, Rollup Method, int PartsIn, int PartsOwed, decimal? Denominator, string? Note)
{
    public bool Complete => PartsOwed > 0 && PartsIn == PartsOwed;
}

/// <summary>Issue 18: how a measure's figures combine into a longer period. Pure, with table tests.</summary>
internal static class RollupRules
{
    /// <summary>A share of a denominator is combined by weighting; anything else shows its latest figure.</summary>
    public static Rollup DefaultFor(MeasureUnit unit) =>
        unit is MeasureUnit.Percent or MeasureUnit.Rate ? Rollup.NumeratorOverDenominator : Rollup.Latest;

    /// <summary>
    /// Combines the figures of the parts owed for <paramref name="span"/>, in order. NumeratorOverDenominator
    /// weights each figure by its denominator, which is the numerators' sum over the denominators'
    /// for a percentage or any rate per so many, without knowing the "so many". A part without a
    /// denominator cannot be weighted: the default then falls back to Latest and a chosen rollup to
    /// Mean, and the note says so.
    /// </summary>
    public static RolledFigure Roll(
        Period span, Rollup? chosen, MeasureUnit unit, int decimals, IReadOnlyList<Period> owed, IReadOnlyDictionary<Period, FigureToRate> figures)
    {
        var present = owed.Where(figures.ContainsKey).Select(p => figures[p]).ToList();
        var method = chosen ?? DefaultFor(unit);
        var notes = new List<string>();
        var missing = owed.Where(p => !figures.ContainsKey(p)).ToList();
        if (missing.Count > 0)
        {
            notes.Add($"Incomplete: no figure for {string.Join(", ", missing)}.");
        }

        if (method == Rollup.NumeratorOverDenominator && present.FirstOrDefault(f => f.Denominator is not > 0) is { } unweighted)
        {
            method = chosen is null ? Rollup.Latest : Rollup.Mean;
            notes.Add($"{unweighted.Period} has no denominator, so the {(method == Rollup.Latest ? "latest figure" : "figures' mean")} is shown.");
        }

        decimal? denominator = method == Rollup.NumeratorOverDenominator && present.Count > 0 ? present.Sum(f => f.Denominator!.Value) : null;
        decimal? value = present.Count == 0 ? null : method switch
        {
            Rollup.NumeratorOverDenominator => present.Sum(f => f.Value * f.Denominator!.Value) / denominator,
            Rollup.Sum => present.Sum(f => f.Value),
            Rollup.Mean => present.Average(f => f.Value),
            Rollup.Latest => present[^1].Value,
            _ => throw new ArgumentOutOfRangeException(nameof(chosen), method, "Unknown rollup."),
        };
        // Shown and rated as a figure of the measure is: to its decimal places.
        value = value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;
        return new RolledFigure(span, value, method, present.Count, owed.Count, denominator, notes.Count == 0 ? null : string.Join(" ", notes));
    }
}
