using System.Globalization;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Evaluations;

/// <summary>An event as stored: its place in the story the evaluator last told, when it has one.</summary>
/// <param name="Step">The event's index in the replayed episode when it was written; null for events written before steps were kept.</param>
internal sealed record StoredEvent(EscalationEventType Type, Period? Period, int Level, int? Step);

/// <summary>An escalation record as stored, with the events the evaluator wrote on it (acknowledgements left out).</summary>
internal sealed record StoredEscalation(
    long Id, Period RunStart, Period OpenedPeriod, Period LastPeriod, int Level, EscalationStatus Status, IReadOnlyList<StoredEvent> Events)
{
    /// <summary>
    /// Written before events kept their step, under rules that counted a missing month as a good one:
    /// its first reconciliation restates it, quietly, because the rules changed and the figures did not.
    /// </summary>
    public bool IsLegacy => Events.Count > 0 && Events.All(e => e.Step is null);

    /// <summary>The highest level the record has stood at: everyone told of it hears how it ends.</summary>
    public int HighestLevel => Events.Select(e => e.Level).Append(Level).Max();

    /// <summary>
    /// The episode's events as the evaluator last told them. Each appended event takes its step's
    /// place, so a correction replaces the events it contradicts in the story, while the table keeps them all.
    /// </summary>
    public IReadOnlyList<EpisodeEvent> Story()
    {
        var story = new List<EpisodeEvent>();
        foreach (var e in Events)
        {
            var step = Math.Min(e.Step ?? story.Count, story.Count);
            story.RemoveRange(step, story.Count - step);
            story.Add(new EpisodeEvent(e.Type, e.Period, e.Level));
        }

        return story;
    }

    /// <summary>
    /// Whether the two cover some of the same periods, from the first period of the run that raised
    /// them to the last taken into account: then they are one failure, seen from more or fewer figures.
    /// </summary>
    public bool Overlaps(EscalationEpisode episode)
    {
        return RunStart <= episode.LastPeriod && episode.RunStart <= LastPeriod;
    }
}

/// <summary>An event to append, with its place in the story, why it is appended, and what it says.</summary>
internal sealed record NewEvent(EscalationEventType Type, Period? Period, int Level, int Step, string Cause, string? Note = null);

/// <summary>A change to the stored escalations of one (measure, reason).</summary>
internal abstract record EscalationChange
{
    /// <summary>The events it appends, in order; the last is where the record ends this run.</summary>
    public abstract IReadOnlyList<NewEvent> Events { get; }

    /// <summary>The record is resolved when the change is applied: such changes are applied first, so at most one record is ever open.</summary>
    public abstract bool Resolves { get; }

    /// <summary>The highest level the record has stood at once the change is applied: its email goes to every level up to it.</summary>
    public abstract int HighestLevel { get; }
}

/// <summary>A stored record carries on as the replay tells it: new identity columns, state and events.</summary>
internal sealed record Advance(StoredEscalation Escalation, EscalationEpisode Episode, IReadOnlyList<NewEvent> Appended) : EscalationChange
{
    public override IReadOnlyList<NewEvent> Events => Appended;

    public override bool Resolves => Episode.IsResolved;

    public override int HighestLevel => Appended.Select(e => e.Level).Append(Escalation.HighestLevel).Max();
}

/// <summary>
/// A stored record the replay no longer has: its cause was removed, so it resolves, or, already
/// resolved, says that the figures no longer tell its story. Either way its last event has no period.
/// </summary>
/// <param name="ContinuedOn">The record that now carries this one's failure, when the figures joined the two runs into one episode.</param>
internal sealed record Withdraw(StoredEscalation Escalation, NewEvent Resolution, long? ContinuedOn = null) : EscalationChange
{
    /// <summary>The chairs were last told it was open: that it no longer is, is news.</summary>
    public bool WasOpen => Escalation.Status != EscalationStatus.Resolved;

    public override IReadOnlyList<NewEvent> Events => [Resolution];

    public override bool Resolves => true;

    public override int HighestLevel => Escalation.HighestLevel;
}

/// <summary>An episode the store has not recorded yet, with all its events.</summary>
internal sealed record Create(EscalationEpisode Episode, IReadOnlyList<NewEvent> Appended) : EscalationChange
{
    public override IReadOnlyList<NewEvent> Events => Appended;

    public override bool Resolves => Episode.IsResolved;

    public override int HighestLevel => Appended.Select(e => e.Level).Append(Episode.Level).Max();
}

/// <summary>
/// Brings the stored escalation records of one (measure, reason) in line with a replay of the
/// current series (DESIGN §3.4, identity). A record is one episode, identified by the first period
/// of the run that raised it:
/// <list type="bullet">
/// <item>a replayed identity already stored continues on that record, appending only the events that
/// differ from the story it last told, each with its cause; a resolved record the replay no longer
/// resolves is reopened by a Reopened event;</item>
/// <item>a late or revised figure that moves the start of a run keeps the record whose periods
/// overlap the replayed episode's: it is the same failure, not a new one, and saying "resolved"
/// about it would be untrue;</item>
/// <item>a stored record that no replayed episode accounts for resolves, naming the changes, or, if
/// it had resolved already, gets a resolution without a period that says its story no longer holds;</item>
/// <item>any other replayed episode is a new record.</item>
/// </list>
/// Nothing stored is deleted or rewritten, and a second run over the same series plans nothing.
/// </summary>
internal static class EscalationReconciler
{
    public const string WithdrawnNote = "Resolved because the figures on record no longer support it";

    public const string RestatedNote =
        "Restated under the corrected escalation rules: a month without a figure now keeps the last state rather than counting as a good month.";

    public static IReadOnlyList<EscalationChange> Plan(
        IReadOnlyList<EscalationEpisode> episodes, IReadOnlyList<StoredEscalation> stored, SeriesChanges changes)
    {
        var free = stored.ToList();
        var matched = new Dictionary<EscalationEpisode, StoredEscalation>();
        foreach (var episode in episodes)
        {
            if (free.Find(s => s.RunStart == episode.RunStart) is { } same)
            {
                matched[episode] = same;
                free.Remove(same);
            }
        }

        // The open record first goes with the open episode it overlaps: what the chairs were told is
        // open stays on the record they were told about.
        foreach (var openFirst in new[] { true, false })
        {
            foreach (var episode in episodes.Where(e => !matched.ContainsKey(e) && (!openFirst || !e.IsResolved)))
            {
                var overlapping = free.Where(s => s.Overlaps(episode) && (!openFirst || s.Status != EscalationStatus.Resolved))
                    .OrderBy(s => (s.Status == EscalationStatus.Resolved) == episode.IsResolved ? 0 : 1).ThenBy(s => s.Id)
                    .FirstOrDefault();
                if (overlapping is not null)
                {
                    matched[episode] = overlapping;
                    free.Remove(overlapping);
                }
            }
        }

        var plan = new List<EscalationChange>();
        foreach (var record in free.Where(s => s.Status != EscalationStatus.Resolved || !IsWithdrawn(s)))
        {
            // An open record whose failure now runs on as another record's open episode was not
            // resolved: the two runs became one. It says where its failure went, and is not news.
            var carrier = record.Status == EscalationStatus.Resolved
                ? null
                : matched.FirstOrDefault(m => !m.Key.IsResolved && record.Overlaps(m.Key)).Value;
            plan.Add(Withdrawn(record, changes, carrier?.Id));
        }

        foreach (var episode in episodes)
        {
            if (!matched.TryGetValue(episode, out var record))
            {
                plan.Add(new Create(episode, episode.Events.Select((e, i) => Appended(e, i, changes)).ToList()));
            }
            else if (Continued(record, episode, changes) is { } continued)
            {
                plan.Add(continued);
            }
        }

        // Resolutions first: the database allows one open record per (measure, reason) at every step.
        return plan.OrderBy(c => c.Resolves ? 0 : 1).ToList();
    }

    private static Advance? Continued(StoredEscalation record, EscalationEpisode episode, SeriesChanges changes)
    {
        var story = record.Story();
        var replay = episode.Events;
        var common = 0;
        while (common < story.Count && common < replay.Count && story[common] == replay[common])
        {
            common++;
        }

        var appended = replay.Skip(common).Select((e, i) => Appended(e, common + i, changes)).ToList();
        var sameState = record.Status == episode.Status && record.Level == episode.Level;
        if (appended.Count == 0 && !sameState)
        {
            // The story stands but the record does not (written before steps were kept): one event moves it.
            var type = episode.Status switch
            {
                EscalationStatus.Open => EscalationEventType.Reopened,
                EscalationStatus.Recovering => EscalationEventType.Recovering,
                _ => EscalationEventType.Resolved,
            };
            appended.Add(Appended(new EpisodeEvent(type, episode.LastPeriod, episode.Level), replay.Count, changes));
        }

        if (appended.Count > 0 && record.Status == EscalationStatus.Resolved && !episode.IsResolved
            && appended[0].Type != EscalationEventType.Reopened)
        {
            // A resolved record the replay no longer resolves is reopened first, at the level it stood
            // at. It takes the same step as the event after it, which replaces it in the story.
            appended.Insert(0, appended[0] with { Type = EscalationEventType.Reopened, Level = record.Level });
        }

        var unchanged = appended.Count == 0 && record.RunStart == episode.RunStart && record.OpenedPeriod == episode.OpenedPeriod
            && record.LastPeriod == episode.LastPeriod;
        if (record.IsLegacy && appended.Count > 0)
        {
            appended[0] = appended[0] with { Note = RestatedNote };
        }

        return unchanged ? null : new Advance(record, episode, appended);
    }

    private static bool IsWithdrawn(StoredEscalation record) =>
        record.Story() is [.., { Type: EscalationEventType.Resolved, Period: null }];

    private static NewEvent Appended(EpisodeEvent e, int step, SeriesChanges changes) =>
        new(e.Type, e.Period, e.Level, step, changes.CauseAt(e.Period));

    private static Withdraw Withdrawn(StoredEscalation record, SeriesChanges changes, long? carrier)
    {
        // No period caused this resolution: naming one would date it inside a run that may still be
        // failing, or before the record's raise.
        var cause = SeriesChanges.Describe(changes.All);
        var after = changes.All.Count == 0 ? "" : $", after the {cause}";
        var note = carrier is { } id
            ? string.Create(CultureInfo.InvariantCulture, $"Continued on escalation {id}: the figures on record now join its run and this one{after}.")
            : record.IsLegacy ? RestatedNote : $"{WithdrawnNote}{after}.";
        return new Withdraw(record, new NewEvent(EscalationEventType.Resolved, null, record.Level, record.Story().Count, cause, note), carrier);
    }
}
