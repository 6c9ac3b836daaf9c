using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Core.Challenges;

namespace ContractMonitor.Tests.Core.Challenges;

public sealed class ChallengeRulesTests
{
    private static readonly DateOnly Today = new(2026, 8, 20);

    [Theory]
    [InlineData(ChallengeStatus.Open, "2026-08-19", true)]
    [InlineData(ChallengeStatus.Open, "2026-08-20", false)] // due today: the trust has until the end of the day
    [InlineData(ChallengeStatus.Open, "2026-08-21", false)]
    [InlineData(ChallengeStatus.Open, null, false)]
    [InlineData(ChallengeStatus.Responded, "2026-08-01", false)]
    [InlineData(ChallengeStatus.Closed, "2026-08-01", false)]
    public void OnlyAnUnansweredChallengePastItsDueDateIsOverdue(ChallengeStatus status, string? due, bool overdue) =>
        Assert.Equal(overdue, ChallengeRules.IsOverdue(status, due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Today));

    [Theory]
    [InlineData(ChallengeStatus.Open, ChallengeStatus.Responded)]
    [InlineData(ChallengeStatus.Responded, ChallengeStatus.Responded)]
    [InlineData(ChallengeStatus.Closed, null)]
    public void AResponseMovesAChallengeToResponded(ChallengeStatus before, ChallengeStatus? after) =>
        Assert.Equal(after, ChallengeRules.AfterResponse(before));

    [Theory]
    [InlineData(ChallengeStatus.Open, true)]
    [InlineData(ChallengeStatus.Responded, true)]
    [InlineData(ChallengeStatus.Closed, false)]
    public void AChallengeClosesOnce(ChallengeStatus status, bool canClose) =>
        Assert.Equal(canClose, ChallengeRules.CanClose(status));

    [Theory]
    [InlineData("2026-08-19", false)]
    [InlineData("2026-08-20", true)]
    [InlineData("2027-01-01", true)]
    [InlineData(null, true)]
    public void TheResponseDueDateIsNotInThePast(string? due, bool accepted) =>
        Assert.Equal(accepted, ChallengeRules.CheckResponseDueDate(
            due is null ? null : DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Today) is null);

    [Theory]
    [InlineData(ChallengeOutcome.Agreed, null, true)]
    [InlineData(ChallengeOutcome.Agreed, "Accepted at the meeting.", true)]
    [InlineData(ChallengeOutcome.Disputed, null, false)]
    [InlineData(ChallengeOutcome.Disputed, "  ", false)]
    [InlineData(ChallengeOutcome.Disputed, "The figure leaves out late visits.", true)]
    public void ADisputeGivesItsReason(ChallengeOutcome outcome, string? note, bool accepted) =>
        Assert.Equal(accepted, ChallengeRules.CheckCloseNote(outcome, note) is null);
}
