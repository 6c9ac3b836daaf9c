using ContractMonitor.Contracts.SignOff;
using ContractMonitor.Core.SignOff;

namespace ContractMonitor.Tests.Core;

/// <summary>Issue 20: the sign-off of a period as a table of states and steps.</summary>
public sealed class SignOffRulesTests
{
    [Theory]
    [InlineData(PeriodDataState.Draft, PeriodAction.SignedOff, true)]
    [InlineData(PeriodDataState.Queried, PeriodAction.SignedOff, true)]
    [InlineData(PeriodDataState.SignedOff, PeriodAction.Accepted, true)]
    [InlineData(PeriodDataState.SignedOff, PeriodAction.Queried, true)]
    [InlineData(PeriodDataState.Accepted, PeriodAction.Reopened, true)]
    [InlineData(PeriodDataState.SignedOff, PeriodAction.SignedOff, false)]
    [InlineData(PeriodDataState.Accepted, PeriodAction.SignedOff, false)]
    [InlineData(PeriodDataState.Accepted, PeriodAction.Accepted, false)]
    [InlineData(PeriodDataState.Accepted, PeriodAction.Queried, false)]
    [InlineData(PeriodDataState.Draft, PeriodAction.Accepted, false)]
    [InlineData(PeriodDataState.Queried, PeriodAction.Accepted, false)]
    [InlineData(PeriodDataState.Draft, PeriodAction.Queried, false)]
    [InlineData(PeriodDataState.Draft, PeriodAction.Reopened, false)]
    [InlineData(PeriodDataState.SignedOff, PeriodAction.Reopened, false)]
    public void EachStepIsTakenOnlyFromTheStateItStartsFrom(PeriodDataState state, PeriodAction action, bool allowed) =>
        Assert.Equal(allowed, SignOffRules.Refusal(state, action) is null);

    [Theory]
    [InlineData(new PeriodAction[0], PeriodDataState.Draft)]
    [InlineData(new[] { PeriodAction.SignedOff }, PeriodDataState.SignedOff)]
    [InlineData(new[] { PeriodAction.SignedOff, PeriodAction.Queried }, PeriodDataState.Queried)]
    [InlineData(new[] { PeriodAction.SignedOff, PeriodAction.Accepted }, PeriodDataState.Accepted)]
    [InlineData(new[] { PeriodAction.SignedOff, PeriodAction.Accepted, PeriodAction.Reopened }, PeriodDataState.Draft)]
    public void TheStateIsTheLastStepsOwn(PeriodAction[] steps, PeriodDataState expected) =>
        Assert.Equal(expected, SignOffRules.StateOf(steps.Select(a => new PeriodStep(a, null, "x", "org", DateTimeOffset.UnixEpoch))));
}
