using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Register;
using FluentValidation;

namespace ContractMonitor.Api.Features.Contracts;

/// <summary>The limits of a contract's rules, the same when it is created and when they change from a period (issue 20).</summary>
internal static class PolicyRules
{
    public static IRuleBuilderOptions<T, int?> ValidReturnDueDays<T>(this IRuleBuilderInitial<T, int?> rule) =>
        rule.InclusiveBetween(0, 365).WithMessage("'returnDueDays' must be from 0 to 365 days.");

    public static IRuleBuilderOptions<T, int?> ValidSmallCohort<T>(this IRuleBuilderInitial<T, int?> rule) =>
        rule.InclusiveBetween(1, 100_000).WithMessage("'smallCohort' must be from 1 to 100000.");

    public static IRuleBuilderOptions<T, int?> ValidRaiseAfter<T>(this IRuleBuilderInitial<T, int?> rule) =>
        rule.InclusiveBetween(1, 24).WithMessage("'raiseAfter' must be from 1 to 24 periods.");

    public static IRuleBuilderOptions<T, int?> ValidResolveAfter<T>(this IRuleBuilderInitial<T, int?> rule) =>
        rule.InclusiveBetween(1, 24).WithMessage("'resolveAfter' must be from 1 to 24 periods.");

    public static IRuleBuilderOptions<T, int?> ValidDeclineRunLength<T>(this IRuleBuilderInitial<T, int?> rule) =>
        rule.InclusiveBetween(2, 24).WithMessage("'declineRunLength' must be from 2 to 24 periods.");

    public static IRuleBuilderOptions<T, IReadOnlyList<LadderLevelRequest>> ValidLadder<T>(
        this IRuleBuilderInitial<T, IReadOnlyList<LadderLevelRequest>> rule) =>
        rule.Must(l => l.Count is >= 1 and <= 10).WithMessage("'ladder' must have from 1 to 10 levels.")
            .Must(LevelsRunFromOne).WithMessage("'ladder' levels must be numbered 1, 2, 3… with no gaps or repeats.");

    public static IRuleBuilderOptions<T, LadderLevelRequest> ValidLadderLevel<T>(this IRuleBuilderInitialCollection<T, LadderLevelRequest> rule) =>
        rule.NotNull().WithMessage("'ladder' must not contain null levels.").ChildRules(level =>
        {
            level.RuleFor(l => l.Level).NotNull().WithMessage("'level' is required.");
            level.RuleFor(l => l.Name).RequiredText(200);
            level.RuleFor(l => l.Email!).Cascade(CascadeMode.Stop).MaximumLength(254).WithMessage("'email' must be at most 254 characters.")
                .MatchesTrimmed(CommonRules.Email()).WithMessage("'email' must be an email address such as director@council.gov.uk.")
                .When(l => !string.IsNullOrWhiteSpace(l.Email));
        });

    private static bool LevelsRunFromOne(IReadOnlyList<LadderLevelRequest> ladder) =>
        ladder.All(l => l is not null) && ladder.Select(l => l.Level).Order().SequenceEqual(
            Enumerable.Range(1, ladder.Count).Select(i => (int?)i));
}

internal sealed class ChangePolicyValidator : ApiValidator<ChangePolicyRequest>
{
    public ChangePolicyValidator()
    {
        RuleFor(r => r.Reason).RequiredText(1000);
        RuleFor(r => r.ReturnDueDays).ValidReturnDueDays();
        RuleFor(r => r.SmallCohort).ValidSmallCohort();
        RuleFor(r => r.RaiseAfter).ValidRaiseAfter();
        RuleFor(r => r.ResolveAfter).ValidResolveAfter();
        RuleFor(r => r.DeclineRunLength).ValidDeclineRunLength();
        RuleFor(r => r.Ladder!).ValidLadder().When(r => r.Ladder is not null);
        RuleForEach(r => r.Ladder).ValidLadderLevel();
    }
}
