using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Contracts;

/// <summary>
/// The rules a contract's periods are judged by (DESIGN §3.1, §3.4, §3.6) as one version: when a
/// return is due, what a small cohort is, when escalations open, resolve and flag a decline, and
/// the ladder's names and addresses.
/// </summary>
internal sealed record PolicyVersion(
    int ReturnDueDays, int SmallCohort, int RaiseAfter, int ResolveAfter, int DeclineRunLength, IReadOnlyList<LadderRung> Ladder)
{
    public LadderRung? Rung(int level) => Ladder.FirstOrDefault(l => l.Level == level);

    /// <summary>The same rules and ladder (a record compares its list by reference).</summary>
    public bool SameAs(PolicyVersion other) =>
        ReturnDueDays == other.ReturnDueDays && SmallCohort == other.SmallCohort && RaiseAfter == other.RaiseAfter
        && ResolveAfter == other.ResolveAfter && DeclineRunLength == other.DeclineRunLength && Ladder.SequenceEqual(other.Ladder);
}

/// <summary>
/// One change of a contract's rules from a period (issue 20): a whole version, in force for every
/// period that starts on or after <see cref="FromDate"/> until the next change's.
/// </summary>
/// <param name="FromPeriod">The period as the change named it; <see cref="FromDate"/> is its first day.</param>
internal sealed record PolicyChange(
    long Id, string FromPeriod, DateOnly FromDate, PolicyVersion Version, string Reason, string RecordedBy, DateTimeOffset RecordedAt)
{
    /// <summary>
    /// The change in force for a period starting on <paramref name="day"/>: of those from that day or
    /// before, the latest from-date, and of those the last recorded. Null: the contract's own rules.
    /// </summary>
    public static PolicyChange? InForce(IReadOnlyList<PolicyChange> changes, DateOnly day)
    {
        PolicyChange? found = null;
        foreach (var change in changes)
        {
            if (change.FromDate <= day && (found is null || change.FromDate > found.FromDate
                                           || (change.FromDate == found.FromDate && change.RecordedAt >= found.RecordedAt)))
            {
                found = change;
            }
        }

        return found;
    }

    /// <summary>The days after a period's end its return is due: as the change in force for it set them, else the contract's own.</summary>
    public static int ReturnDueDays(IReadOnlyList<PolicyChange> changes, Period period, int own) =>
        changes.Count == 0 ? own : InForce(changes, period.Start)?.Version.ReturnDueDays ?? own;

    /// <summary>The changes recorded before an instant (DESIGN §5, knownAt); all of them without one.</summary>
    public static IReadOnlyList<PolicyChange> KnownAt(IReadOnlyList<PolicyChange> changes, DateTimeOffset? knownAt) =>
        knownAt is { } at ? changes.Where(c => c.RecordedAt < at).ToList() : changes;
}

/// <summary>A contract's rules over its life: those it started with, then each change from its period.</summary>
internal sealed record PolicyTimeline(PolicyVersion Initial, IReadOnlyList<PolicyChange> Changes)
{
    public PolicyVersion At(Period period) => At(period.Start);

    public PolicyVersion At(DateOnly day) => PolicyChange.InForce(Changes, day)?.Version ?? Initial;

    /// <summary>
    /// The name of a ladder level in force for a period (as stored, any frequency); without one, the
    /// name in force now; "Level n" where the ladder has none.
    /// </summary>
    public string LevelName(int level, string? period, DateOnly today) =>
        Escalations.EscalationStore.LevelName(level, (Period.TryParse(period, out var p) ? At(p) : At(today)).Rung(level)?.Name);
}
