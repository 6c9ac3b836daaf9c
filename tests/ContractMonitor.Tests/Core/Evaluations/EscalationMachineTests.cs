using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Tests.Core.Evaluations;

public sealed class EscalationMachineTests
{
    private static readonly EscalationRule Failure = EscalationRule.For(EscalationReason.SustainedFailure, 2, 2, 3, 4);
    private static readonly EscalationRule Decline = EscalationRule.For(EscalationReason.SustainedDecline, 2, 2, 3, 4);

    /// <summary>
    /// A series as letters, one per month from April 2016: F bad, g good, . a gap (Missing, no
    /// target, no direction). The answer is the events as "type@month/level" and the final state.
    /// </summary>
    private static (string Events, string State) Run(string series, EscalationRule rule) => Run(series, _ => rule);

    private static (string Events, string State) Run(string series, Func<Period, EscalationRule> rule)
    {
        var episodes = Episodes(series, rule);
        var events = string.Join(" ", episodes.SelectMany(e => e.Events).Select(e => $"{e.Type}@{e.Period!.Value.Start.Month}/{e.Level}"));
        var last = episodes.Count == 0 ? "Quiet" : episodes[^1].IsResolved ? "Quiet" : $"{episodes[^1].Status}/{episodes[^1].Level}";
        return (events, last);
    }

    private static IReadOnlyList<EscalationEpisode> Episodes(string series, EscalationRule rule) => Episodes(series, _ => rule);

    private static IReadOnlyList<EscalationEpisode> Episodes(string series, Func<Period, EscalationRule> rule)
    {
        var start = Period.Month(2016, 4);
        return EscalationMachine.Run(series.Select((c, i) => (Step(start, i), c switch
        {
            'F' => Signal.Bad,
            '.' => Signal.Gap,
            _ => Signal.Good,
        })), rule);
    }

    private static Period Step(Period start, int n)
    {
        for (var i = 0; i < n; i++)
        {
            start = start.Next();
        }

        return start;
    }

    [Theory]
    [InlineData("", "", "Quiet")]
    [InlineData("F", "", "Quiet")]
    [InlineData("FgF", "", "Quiet")] // not consecutive
    [InlineData("FF", "Raised@5/1", "Open/1")]
    [InlineData("FFF", "Raised@5/1 Escalated@6/2", "Open/2")]
    [InlineData("FFFFF", "Raised@5/1 Escalated@6/2 Escalated@7/3 Escalated@8/4", "Open/4")]
    [InlineData("FFFFFFF", "Raised@5/1 Escalated@6/2 Escalated@7/3 Escalated@8/4", "Open/4")] // the top of the ladder
    [InlineData("FFg", "Raised@5/1 Recovering@6/1", "Recovering/1")] // one good month does not close it
    [InlineData("FFgg", "Raised@5/1 Recovering@6/1 Resolved@7/1", "Quiet")]
    [InlineData("FFFgF", "Raised@5/1 Escalated@6/2 Recovering@7/2 Reopened@8/2", "Open/2")] // reopens at its level
    [InlineData("FFFgFF", "Raised@5/1 Escalated@6/2 Recovering@7/2 Reopened@8/2 Escalated@9/3", "Open/3")]
    [InlineData("FFggF", "Raised@5/1 Recovering@6/1 Resolved@7/1", "Quiet")] // after resolving it takes raiseAfter again
    [InlineData("FFggFF", "Raised@5/1 Recovering@6/1 Resolved@7/1 Raised@9/1", "Open/1")]
    [InlineData("FFgFgg", "Raised@5/1 Recovering@6/1 Reopened@7/1 Recovering@8/1 Resolved@9/1", "Quiet")]
    public void SustainedFailureRaisesClimbsRecoversAndResolves(string series, string events, string state) =>
        Assert.Equal((events, state), Run(series, Failure));

    [Theory]
    [InlineData("F.F", "Raised@6/1", "Open/1")] // a gap neither breaks a run
    [InlineData("FF..", "Raised@5/1", "Open/1")] // nor climbs: silence does not escalate a failure
    [InlineData("FFF..", "Raised@5/1 Escalated@6/2", "Open/2")]
    [InlineData("FFFFF..gg", "Raised@5/1 Escalated@6/2 Escalated@7/3 Escalated@8/4 Recovering@11/4 Resolved@12/4", "Quiet")]
    [InlineData("FFFg..", "Raised@5/1 Escalated@6/2 Recovering@7/2", "Recovering/2")] // nor recovers: silence does not close it
    [InlineData("FFg.g", "Raised@5/1 Recovering@6/1 Resolved@8/1", "Quiet")]
    [InlineData("FFg.F", "Raised@5/1 Recovering@6/1 Reopened@8/1", "Open/1")]
    [InlineData("Fg.F", "", "Quiet")] // a good period breaks a run; the gap after it does not mend it
    public void GapsKeepTheLastState(string series, string events, string state) =>
        Assert.Equal((events, state), Run(series, Failure));

    [Theory]
    [InlineData("FF", "2016-04 2016-05")]
    [InlineData(".FF", "2016-05 2016-06")]
    [InlineData("F.F", "2016-04 2016-06")]
    [InlineData("FFggFF", "2016-04 2016-05|2016-08 2016-09")]
    public void AnEpisodeIsIdentifiedByTheFirstPeriodOfTheRunThatRaisedIt(string series, string identities) =>
        Assert.Equal(identities, string.Join("|", Episodes(series, Failure).Select(e => $"{e.RunStart} {e.OpenedPeriod}")));

    [Theory]
    [InlineData("FF", "", "Quiet")]
    [InlineData("FFF", "Raised@6/1", "Open/1")]
    [InlineData("FFFFFF", "Raised@6/1", "Open/1")] // a decline does not climb
    [InlineData("FFFg", "Raised@6/1 Recovering@7/1", "Recovering/1")]
    [InlineData("FFFgg", "Raised@6/1 Recovering@7/1 Resolved@8/1", "Quiet")]
    [InlineData("FFFgF", "Raised@6/1 Recovering@7/1 Reopened@8/1", "Open/1")]
    public void SustainedDeclineRaisesAtLevelOneAndNeverClimbs(string series, string events, string state) =>
        Assert.Equal((events, state), Run(series, Decline));

    [Theory]
    [InlineData(1, 1, "F", "Raised@4/1", "Open/1")]
    [InlineData(1, 1, "Fg", "Raised@4/1 Resolved@5/1", "Quiet")]
    [InlineData(3, 3, "FFFggg", "Raised@6/1 Recovering@7/1 Resolved@9/1", "Quiet")]
    public void ThePolicyDecidesWhenToRaiseAndResolve(int raiseAfter, int resolveAfter, string series, string events, string state) =>
        Assert.Equal((events, state), Run(series, new EscalationRule(raiseAfter, resolveAfter, 4, Climbs: true)));

    /// <summary>
    /// The rule in force from August 2016 (issue 20): raise after 3 and resolve after 3. Each period is
    /// judged by its own rule; the runs carry across the change.
    /// </summary>
    [Theory]
    [InlineData("FFgg", "Raised@5/1 Recovering@6/1 Resolved@7/1", "Quiet")] // all before the change
    [InlineData("ggggFF", "", "Quiet")] // two bad months from August no longer raise
    [InlineData("gggFFF", "Raised@9/1", "Open/1")] // July's bad month counts towards August's rule
    [InlineData("FFgggg", "Raised@5/1 Recovering@6/1 Resolved@7/1", "Quiet")]
    [InlineData("gFFgggg", "Raised@6/1 Recovering@7/1 Resolved@9/1", "Quiet")] // from August, three good months resolve, July's among them
    public void EachPeriodIsJudgedByTheRuleInForceForIt(string series, string events, string state)
    {
        var from = Period.Month(2016, 8);
        var later = new EscalationRule(3, 3, 4, Climbs: true);
        Assert.Equal((events, state), Run(series, p => p >= from ? later : Failure));
    }

    [Fact]
    public void AOneRungLadderStaysAtLevelOne() =>
        Assert.Equal(("Raised@5/1", "Open/1"), Run("FFFF", new EscalationRule(2, 2, 1, Climbs: true)));

    [Theory]
    [InlineData(null, true, 0, null, 1)]
    [InlineData(EscalationStatus.Open, false, 1, EscalationStatus.Recovering, 1)]
    [InlineData(EscalationStatus.Recovering, true, 1, EscalationStatus.Open, 1)]
    [InlineData(EscalationStatus.Open, true, 3, EscalationStatus.Open, 4)]
    [InlineData(EscalationStatus.Open, true, 4, EscalationStatus.Open, 4)]
    public void OneStepMovesAsTheTableSays(EscalationStatus? status, bool bad, int level, EscalationStatus? next, int nextLevel)
    {
        var state = new EscalationState(status, level, status is null ? 0 : 2, 0);
        var (after, _) = EscalationMachine.Step(state, Period.Month(2016, 4), bad ? Signal.Bad : Signal.Good, Failure);
        Assert.Equal(next, after.Status);
        Assert.Equal(status is null && next is null ? 0 : nextLevel, after.Level);
    }
}
