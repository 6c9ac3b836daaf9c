using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Evaluations;

/// <summary>An escalation as stored: enough to tell whether the series still tells the same story.</summary>
public sealed record StoredEscalation(long Id, Period OpenedPeriod, Period LastPeriod, int Level, EscalationStatus Status);

/// <summary>A change to the stored escalations of one (measure, reason).</summary>
public abstract record EscalationChange;

/// <summary>The stored escalation carries on as the series says: new events, a new state.</summary>
public sealed record Advance(StoredEscalation Escalation, IReadOnlyList<EpisodeEvent> Events, EpisodeStep State) : EscalationChange;

/// <summary>The series no longer supports the stored escalation: it resolves, saying why.</summary>
public sealed record Supersede(StoredEscalation Escalation, Period Period, string Note) : EscalationChange;

/// <summary>An escalation the store has not recorded yet, with all its events.</summary>
public sealed record Create(EscalationEpisode Episode) : EscalationChange;

/// <summary>
/// Brings the stored escalations of one (measure, reason) in line with the series replayed from its
/// first period. When figures only arrive for new periods the stored escalation simply advances;
/// when a revision or a late return changes the past, what no longer holds is resolved with a note
/// and what now holds is recorded. Nothing stored is deleted, and a second run plans nothing.
/// </summary>
public static class EscalationReconciler
{
    public static IReadOnlyList<EscalationChange> Plan(
        IReadOnlyList<EscalationEpisode> episodes, IReadOnlyList<StoredEscalation> stored, IReadOnlyList<Period> revised)
    {
        ArgumentNullException.ThrowIfNull(episodes);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(revised);
        var changes = new List<EscalationChange>();
        var open = stored.SingleOrDefault(s => s.Status != EscalationStatus.Resolved);
        foreach (var episode in episodes)
        {
            if (open is not null && open.OpenedPeriod == episode.OpenedPeriod && StillHolds(episode, open))
            {
                if (Advanced(open, episode) is { } advance)
                {
                    changes.Add(advance);
                }

                open = null;
                continue;
            }

            if (episode.IsResolved && stored.Any(s => s.OpenedPeriod == episode.OpenedPeriod))
            {
                continue;
            }

            if (!episode.IsResolved && open is not null)
            {
                changes.Add(Superseded(open, revised));
                open = null;
            }

            changes.Add(new Create(episode));
        }

        if (open is not null)
        {
            changes.Add(Superseded(open, revised));
        }

        return changes;
    }

    // The stored state must be exactly where the replay stood after the stored escalation's last
    // period; otherwise the past has changed under it.
    private static bool StillHolds(EscalationEpisode episode, StoredEscalation stored) =>
        episode.At(stored.LastPeriod) is { } step && step.Status == stored.Status && step.Level == stored.Level;

    private static Advance? Advanced(StoredEscalation stored, EscalationEpisode episode)
    {
        var events = episode.Events.Where(e => e.Period > stored.LastPeriod).ToList();
        return events.Count == 0 && episode.Last.Period == stored.LastPeriod
            ? null
            : new Advance(stored, events, episode.Last);
    }

    // Dated by the first period whose figures changed: that is what removed the condition.
    private static Supersede Superseded(StoredEscalation stored, IReadOnlyList<Period> revised) => revised.Count == 0
        ? new Supersede(stored, stored.LastPeriod, "Resolved because the figures on record no longer support it.")
        : new Supersede(stored, revised.Min(),
            $"Resolved because the figures on record no longer support it, after changes to {string.Join(", ", revised.Order())}.");
}
