using System.Globalization;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Periods;
using FluentValidation;

namespace ContractMonitor.Api.Features.Contracts;

internal sealed class CreateContractValidator : ApiValidator<CreateContractRequest>
{
    // Periods run from 1900 to 9998; a term must leave room for the period before and after it,
    // or the reads and the daily jobs would step outside the calendar.
    private static readonly DateOnly FirstDate = new(Period.MinYear + 1, 1, 1);
    private static readonly DateOnly LastDate = new(Period.MaxYear - 1, 12, 31);

    private static string OutsideTheCalendar(string field) => string.Create(CultureInfo.InvariantCulture,
        $"'{field}' must be from {FirstDate:yyyy-MM-dd} to {LastDate:yyyy-MM-dd}.");

    public CreateContractValidator()
    {
        RuleFor(r => r.Reference).RequiredText(64);
        RuleFor(r => r.Title).RequiredText(200);
        RuleFor(r => r.ProviderCode).RequiredText(64)
            .MatchesTrimmed(CommonRules.OrganisationCode())
            .WithMessage("'providerCode' must be an organisation code such as doncaster-childrens-trust.");
        RuleFor(r => r.StartDate).NotNull().WithMessage("'startDate' is required.")
            .InclusiveBetween(FirstDate, LastDate).WithMessage(OutsideTheCalendar("startDate"));
        RuleFor(r => r.EndDate).InclusiveBetween(FirstDate, LastDate).WithMessage(OutsideTheCalendar("endDate"));
        RuleFor(r => r.EndDate).GreaterThan(r => r.StartDate)
            .When(r => r.StartDate is not null && r.EndDate is not null)
            .WithMessage("'endDate' must be after 'startDate'.");
        RuleFor(r => r.ReturnDueDays).InclusiveBetween(0, 365)
            .WithMessage("'returnDueDays' must be from 0 to 365 days.");
        RuleFor(r => r.SmallCohort).InclusiveBetween(1, 100_000)
            .WithMessage("'smallCohort' must be from 1 to 100000.");
        RuleFor(r => r.EscalationPolicy!).SetValidator(new EscalationPolicyValidator()).When(r => r.EscalationPolicy is not null);
    }

    private sealed class EscalationPolicyValidator : ApiValidator<EscalationPolicyRequest>
    {
        public EscalationPolicyValidator()
        {
            RuleFor(p => p.RaiseAfter).InclusiveBetween(1, 24).WithMessage("'raiseAfter' must be from 1 to 24 periods.");
            RuleFor(p => p.ResolveAfter).InclusiveBetween(1, 24).WithMessage("'resolveAfter' must be from 1 to 24 periods.");
            RuleFor(p => p.DeclineRunLength).InclusiveBetween(2, 24)
                .WithMessage("'declineRunLength' must be from 2 to 24 periods.");
            RuleFor(p => p.Ladder!)
                .Must(l => l.Count is >= 1 and <= 10).WithMessage("'ladder' must have from 1 to 10 levels.")
                .Must(LevelsRunFromOne)
                .WithMessage("'ladder' levels must be numbered 1, 2, 3… with no gaps or repeats.")
                .When(p => p.Ladder is not null);
            RuleForEach(p => p.Ladder).NotNull().WithMessage("'ladder' must not contain null levels.").ChildRules(level =>
            {
                level.RuleFor(l => l.Level).NotNull().WithMessage("'level' is required.");
                level.RuleFor(l => l.Name).RequiredText(200);
                level.RuleFor(l => l.Email!).Cascade(CascadeMode.Stop).MaximumLength(254).WithMessage("'email' must be at most 254 characters.")
                    .MatchesTrimmed(CommonRules.Email()).WithMessage("'email' must be an email address such as director@council.gov.uk.")
                    .When(l => !string.IsNullOrWhiteSpace(l.Email));
            });
        }

        private static bool LevelsRunFromOne(IReadOnlyList<LadderLevelRequest> ladder) =>
            ladder.All(l => l is not null) && ladder.Select(l => l.Level).Order().SequenceEqual(
                Enumerable.Range(1, ladder.Count).Select(i => (int?)i));
    }
}
