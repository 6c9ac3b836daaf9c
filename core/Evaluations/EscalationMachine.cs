using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Evaluations;

/// <summary>How one reason escalates under a contract's policy (DESIGN §3.4).</summary>
/// <param name="RaiseAfter">Consecutive bad periods that open an escalation.</param>
/// <param name="ResolveAfter">Consecutive periods that are not bad that resolve it.</param>
/// <param name="TopLevel">The last rung of the ladder.</param>
/// <param name="Climbs">Whether each further bad period raises it a level.</param>
public sealed record EscalationRule(int RaiseAfter, int ResolveAfter, int TopLevel, bool Climbs)
{
    public static EscalationRule For(EscalationReason reason, int raiseAfter, int resolveAfter, int declineRunLength, int topLevel) =>
        reason switch
        {
            EscalationReason.SustainedFailure or EscalationReason.MissingReturns =>
                new EscalationRule(raiseAfter, resolveAfter, topLevel, Climbs: true),
            EscalationReason.SustainedDecline => new EscalationRule(declineRunLength, resolveAfter, topLevel, Climbs: false),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown escalation reason."),
        };
}

/// <summary>
/// Where one (measure, reason) stands after a period. <see cref="Status"/> is null while nothing is
/// open; the runs count the consecutive bad and good periods that led here.
/// </summary>
public readonly record struct EscalationState(EscalationStatus? Status, int Level, int BadRun, int GoodRun)
{
    public static EscalationState Quiet => default;

    public bool IsOpen => Status is EscalationStatus.Open or EscalationStatus.Recovering;
}

/// <summary>The state machine of DESIGN §3.4, one period at a time, without I/O.</summary>
public static class EscalationMachine
{
    /// <summary>The state after one more period, and the event that period causes, if any.</summary>
    public static (EscalationState Next, EscalationEventType? Event) Step(EscalationState state, bool bad, EscalationRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (bad)
        {
            var run = state with { BadRun = state.BadRun + 1, GoodRun = 0 };
            return state.Status switch
            {
                null when run.BadRun >= rule.RaiseAfter =>
                    (run with { Status = EscalationStatus.Open, Level = 1 }, EscalationEventType.Raised),
                null => (run, null),
                EscalationStatus.Open when rule.Climbs && state.Level < rule.TopLevel =>
                    (run with { Level = state.Level + 1 }, EscalationEventType.Escalated),
                EscalationStatus.Open => (run, null),
                _ => (run with { Status = EscalationStatus.Open }, EscalationEventType.Reopened),
            };
        }

        var good = state with { BadRun = 0, GoodRun = state.GoodRun + 1 };
        if (!state.IsOpen)
        {
            return (good, null);
        }

        if (good.GoodRun >= rule.ResolveAfter)
        {
            return (EscalationState.Quiet, EscalationEventType.Resolved);
        }

        return state.Status == EscalationStatus.Open
            ? (good with { Status = EscalationStatus.Recovering }, EscalationEventType.Recovering)
            : (good, null);
    }

    /// <summary>
    /// Runs a whole series in period order and returns every escalation it opens, each with its
    /// events and its state after every period it was open for.
    /// </summary>
    public static IReadOnlyList<EscalationEpisode> Run(IEnumerable<(Period Period, bool Bad)> series, EscalationRule rule)
    {
        ArgumentNullException.ThrowIfNull(series);
        var episodes = new List<EscalationEpisode>();
        EscalationEpisode? current = null;
        var state = EscalationState.Quiet;
        foreach (var (period, bad) in series)
        {
            var (next, change) = Step(state, bad, rule);
            if (change == EscalationEventType.Raised)
            {
                current = new EscalationEpisode(period);
                episodes.Add(current);
            }

            if (current is not null)
            {
                var level = next.IsOpen ? next.Level : state.Level;
                if (change is { } type)
                {
                    current.Events.Add(new EpisodeEvent(type, period, level));
                }

                current.Trace.Add(new EpisodeStep(period, next.IsOpen ? next.Status!.Value : EscalationStatus.Resolved, level));
                if (!next.IsOpen)
                {
                    current = null;
                }
            }

            state = next;
        }

        return episodes;
    }
}

public sealed record EpisodeEvent(EscalationEventType Type, Period Period, int Level);

public sealed record EpisodeStep(Period Period, EscalationStatus Status, int Level);

/// <summary>One escalation as a series opens it: from the period it was raised to the one it resolved, if it has.</summary>
public sealed class EscalationEpisode(Period openedPeriod)
{
    public Period OpenedPeriod { get; } = openedPeriod;

    public List<EpisodeEvent> Events { get; } = [];

    public List<EpisodeStep> Trace { get; } = [];

    public EpisodeStep Last => Trace[^1];

    public bool IsResolved => Last.Status == EscalationStatus.Resolved;

    /// <summary>Where the episode stood after a period, or null if it was not open then.</summary>
    public EpisodeStep? At(Period period) => Trace.Find(s => s.Period == period);
}
