using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Evaluations;

/// <summary>How one reason escalates under a contract's policy (DESIGN §3.4).</summary>
/// <param name="RaiseAfter">Consecutive bad periods that open an escalation.</param>
/// <param name="ResolveAfter">Consecutive periods that are not bad that resolve it.</param>
/// <param name="TopLevel">The last rung of the ladder.</param>
/// <param name="Climbs">Whether each further bad period raises it a level.</param>
internal sealed record EscalationRule(int RaiseAfter, int ResolveAfter, int TopLevel, bool Climbs)
{
    public static EscalationRule For(EscalationReason reason, int raiseAfter, int resolveAfter, int declineRunLength, int topLevel) =>
        reason switch
        {
            EscalationReason.SustainedFailure or EscalationReason.MissingReturns =>
                new EscalationRule(raiseAfter, resolveAfter, topLevel, Climbs: true),
            EscalationReason.SustainedDecline => new EscalationRule(declineRunLength, resolveAfter, topLevel, Climbs: false),
            // One episode for each signal: the first concern point opens it, the first point that is not one resolves it.
            EscalationReason.SpecialCauseConcern => new EscalationRule(1, 1, topLevel, Climbs: false),
            _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown escalation reason."),
        };
}

/// <summary>What one period says to one escalation reason.</summary>
internal enum Signal
{
    /// <summary>Counts towards recovery and breaks a bad run.</summary>
    Good,

    /// <summary>Counts towards raising and climbing, and breaks a good run.</summary>
    Bad,

    /// <summary>Says nothing: the state, and both runs, are kept as they were (DESIGN §3.4, "gaps keep the last state").</summary>
    Gap,
}

/// <summary>
/// Where one (measure, reason) stands after a period. <see cref="Status"/> is null while nothing is
/// open; the runs count the consecutive bad and good periods that led here, and
/// <see cref="RunStart"/> is the first period of the current bad run.
/// </summary>
internal readonly record struct EscalationState(EscalationStatus? Status, int Level, int BadRun, int GoodRun, Period? RunStart = null)
{
    public static EscalationState Quiet => default;

    public bool IsOpen => Status is EscalationStatus.Open or EscalationStatus.Recovering;
}

/// <summary>The state machine of DESIGN §3.4, one period at a time, without I/O.</summary>
internal static class EscalationMachine
{
    /// <summary>The state after one more period, and the event that period causes, if any.</summary>
    public static (EscalationState Next, EscalationEventType? Event) Step(EscalationState state, Period period, Signal signal, EscalationRule rule)
    {
        switch (signal)
        {
            case Signal.Gap:
                return (state, null);
            case Signal.Bad:
                var run = state with { BadRun = state.BadRun + 1, GoodRun = 0, RunStart = state.BadRun == 0 ? period : state.RunStart };
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

        var good = state with { BadRun = 0, GoodRun = state.GoodRun + 1, RunStart = null };
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
    /// Replays a whole series in period order and returns every escalation it opens: one episode
    /// per run that raised one, each with its events and where it ended.
    /// </summary>
    /// <param name="endsAt">
    /// The period the series ends for good (a retired measure's first unowed period): an episode still
    /// open there resolves in it, since nothing after can carry it on or resolve it.
    /// </param>
    public static IReadOnlyList<EscalationEpisode> Run(
        IEnumerable<(Period Period, Signal Signal)> series, EscalationRule rule, Period? endsAt = null) =>
        Run(series, _ => rule, endsAt);

    /// <summary>Replays a whole series as above, judging each period by the rule in force for it.</summary>
    /// <param name="series">The periods in order, with what each says to the reason.</param>
    /// <param name="endsAt">The period the series ends for good, as above.</param>
    /// <param name="ruleFor">The rule in force for each period (the contract's thresholds can change from a period, issue 20).</param>
    public static IReadOnlyList<EscalationEpisode> Run(
        IEnumerable<(Period Period, Signal Signal)> series, Func<Period, EscalationRule> ruleFor, Period? endsAt = null)
    {
        var episodes = new List<EscalationEpisode>();
        EscalationEpisode? current = null;
        var state = EscalationState.Quiet;
        foreach (var (period, signal) in series)
        {
            var (next, change) = Step(state, period, signal, ruleFor(period));
            if (change == EscalationEventType.Raised)
            {
                current = new EscalationEpisode(next.RunStart!.Value, period);
                episodes.Add(current);
            }

            if (current is not null)
            {
                var level = next.IsOpen ? next.Level : state.Level;
                if (change is { } type)
                {
                    current.Events.Add(new EpisodeEvent(type, period, level));
                }

                current.MoveTo(next.IsOpen ? next.Status!.Value : EscalationStatus.Resolved, level, period);
                if (!next.IsOpen)
                {
                    current = null;
                }
            }

            state = next;
        }

        if (current is not null && endsAt is { } end)
        {
            current.Events.Add(new EpisodeEvent(EscalationEventType.Resolved, end, state.Level));
            current.MoveTo(EscalationStatus.Resolved, state.Level, end);
        }

        return episodes;
    }
}

/// <summary>One change of an escalation: what happened, in which period, at which level after it.</summary>
/// <param name="Period">Null only for a resolution that no period caused (its figures were withdrawn from under it).</param>
internal sealed record EpisodeEvent(EscalationEventType Type, Period? Period, int Level);

/// <summary>
/// One escalation as a replay of the series opens it: identified by the first period of the run
/// that raised it, from its raise to its resolution, if it has one.
/// </summary>
internal sealed class EscalationEpisode(Period runStart, Period openedPeriod)
{
    /// <summary>Its identity with the measure and reason: the first period of the run that raised it.</summary>
    public Period RunStart { get; } = runStart;

    /// <summary>The period it was raised in.</summary>
    public Period OpenedPeriod { get; } = openedPeriod;

    public List<EpisodeEvent> Events { get; } = [];

    public EscalationStatus Status { get; private set; } = EscalationStatus.Open;

    public int Level { get; private set; } = 1;

    /// <summary>The last period the replay took into account for it: where it resolved, or the last period seen while open.</summary>
    public Period LastPeriod { get; private set; } = openedPeriod;

    public bool IsResolved => Status == EscalationStatus.Resolved;

    /// <summary>The period it resolved in, if it has.</summary>
    public Period? ResolvedPeriod => IsResolved ? LastPeriod : null;

    internal void MoveTo(EscalationStatus status, int level, Period period) => (Status, Level, LastPeriod) = (status, level, period);
}
