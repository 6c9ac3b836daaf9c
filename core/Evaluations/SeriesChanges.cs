using System.Globalization;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Evaluations;

/// <summary>What changed a rated period since it was last stored.</summary>
internal enum ChangeKind
{
    /// <summary>A figure arrived for a period rated Missing or NotCollected.</summary>
    LateReturn,

    /// <summary>A new revision of a figure that was already rated.</summary>
    RevisedFigure,

    /// <summary>The period is rated against a different target version.</summary>
    TargetChange,

    /// <summary>The period came into or went out of the measure's series because its start moved.</summary>
    MeasureStart,

    /// <summary>The periods from which the measure's SPC limits start again were recorded anew (issue 19).</summary>
    SpcRecalculation,

    /// <summary>The measure was retired from the period: it and later ones are no longer rated (issue 20).</summary>
    MeasureRetired,

    /// <summary>The period went out of the series because the contract's end moved (issue 20).</summary>
    TermChanged,

    /// <summary>An agreed exception held the measure's escalations from the period, and no longer does (issue 20).</summary>
    ExceptionLifted,

    /// <summary>The contract's rules changed from the period: its due dates, cohort or escalation thresholds (issue 20).</summary>
    PolicyChanged,
}

/// <param name="Detail">For a target change: who set the version now in force.</param>
internal sealed record SeriesChange(ChangeKind Kind, Period Period, string? Detail = null);

/// <summary>A stored rating, as much of it as says what it was worked out from.</summary>
internal sealed record StoredRating(Period Period, int? Revision, int? TargetVersion, Rating Rating);

/// <summary>
/// Why an evaluation re-tells an escalation: the changes to periods already rated, as against
/// periods rated for the first time ("new figures"). Every event the evaluator appends carries the
/// cause of the changes at or before its period (DESIGN §3.4, identity).
/// </summary>
internal sealed class SeriesChanges
{
    public const string NewFigures = "new figures";

    private readonly List<SeriesChange> changes;

    public SeriesChanges(IEnumerable<SeriesChange> changes)
    {
        this.changes = changes.OrderBy(c => c.Period).ThenBy(c => c.Kind).ToList();
    }

    public static SeriesChanges None { get; } = new([]);

    public IReadOnlyList<SeriesChange> All => changes;

    /// <summary>
    /// Compares the new series with what was stored. A period rated for the first time is new
    /// figures, not a change, unless it lies before every stored period: then the measure's start
    /// moved. Direction alone is not a cause: it follows from the period before.
    /// </summary>
    /// <param name="setBy">Who set a financial year's target version in force now.</param>
    /// <param name="measure">The measure's terms, to tell a period its retirement removed from one its start did.</param>
    /// <param name="contract">The contract's terms, to tell a period its end removed.</param>
    public static SeriesChanges Between(
        IReadOnlyDictionary<Period, StoredRating> stored, IReadOnlyList<PeriodRating> series, Func<int, string?> setBy,
        MeasureTerms? measure = null, ContractTerms? contract = null)
    {
        var found = new List<SeriesChange>();
        Period? earliest = stored.Count == 0 ? null : stored.Keys.Min();
        foreach (var rating in series)
        {
            if (!stored.TryGetValue(rating.Period, out var before))
            {
                if (rating.Period < earliest)
                {
                    found.Add(new SeriesChange(ChangeKind.MeasureStart, rating.Period));
                }
            }
            else if (before.Revision != rating.Revision)
            {
                found.Add(new SeriesChange(
                    before.Revision is null && before.Rating is Rating.Missing or Rating.NotCollected ? ChangeKind.LateReturn : ChangeKind.RevisedFigure,
                    rating.Period));
            }
            else if (before.TargetVersion != rating.TargetVersion)
            {
                var year = rating.Period.FinancialYear;
                found.Add(new SeriesChange(ChangeKind.TargetChange, rating.Period, setBy(year.StartYear)));
            }
        }

        var rated = series.Select(r => r.Period).ToHashSet();
        found.AddRange(stored.Keys.Where(p => !rated.Contains(p)).Select(p => measure?.RetiredFrom is { } retired && p >= retired
            ? new SeriesChange(ChangeKind.MeasureRetired, retired)
            : contract?.End is { } end && p.End > end
                ? new SeriesChange(ChangeKind.TermChanged, p)
                : new SeriesChange(ChangeKind.MeasureStart, p)));
        return new SeriesChanges(found.Distinct());
    }

    /// <summary>The cause of an event in <paramref name="period"/>: the changes at or before it, or new figures.</summary>
    public string CauseAt(Period? period) => Describe(changes.Where(c => period is null || c.Period <= period));

    /// <summary>"late returns for 2026-07 and 2026-08; target change for 2026-27 by alice".</summary>
    public static string Describe(IEnumerable<SeriesChange> changes)
    {
        var parts = changes
            .GroupBy(c => (c.Kind, Year: c.Kind == ChangeKind.TargetChange ? c.Period.FinancialYear.ToString() : null, c.Detail))
            .OrderBy(g => g.Min(c => c.Period))
            .Select(g => g.Key.Kind switch
            {
                ChangeKind.LateReturn => Plural("late return", g),
                ChangeKind.RevisedFigure => Plural("revised figure", g),
                ChangeKind.TargetChange => g.Key.Detail is { Length: > 0 } by
                    ? string.Create(CultureInfo.InvariantCulture, $"target change for {g.Key.Year} by {by}")
                    : $"target change for {g.Key.Year}",
                ChangeKind.SpcRecalculation => "SPC limits set again",
                ChangeKind.MeasureRetired => $"measure retired from {g.Min(c => c.Period)}",
                ChangeKind.TermChanged => "contract term changed",
                ChangeKind.ExceptionLifted => $"agreed exception from {g.Min(c => c.Period)} ended",
                ChangeKind.PolicyChanged => $"contract policy changed from {g.Min(c => c.Period)}",
                _ => "measure start changed",
            })
            .ToList();
        return parts.Count == 0 ? NewFigures : string.Join("; ", parts);
    }

    // A back-load can change a hundred periods at once: past a handful, the first and last say enough
    // (and the cause fits its column on both engines).
    private const int ListedPeriods = 6;

    private static string Plural(string what, IEnumerable<SeriesChange> changes)
    {
        var periods = changes.Select(c => c.Period.ToString()).Distinct().ToList();
        return periods.Count switch
        {
            1 => $"{what} for {periods[0]}",
            <= ListedPeriods => $"{what}s for {string.Join(", ", periods.SkipLast(1))} and {periods[^1]}",
            _ => string.Create(CultureInfo.InvariantCulture, $"{what}s for {periods[0]} to {periods[^1]} ({periods.Count} periods)"),
        };
    }
}
