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
        RuleFor(r => r.ReturnDueDays).ValidReturnDueDays();
        RuleFor(r => r.SmallCohort).ValidSmallCohort();
        RuleFor(r => r.EscalationPolicy!).SetValidator(new EscalationPolicyValidator()).When(r => r.EscalationPolicy is not null);
    }

    private sealed class EscalationPolicyValidator : ApiValidator<EscalationPolicyRequest>
    {
        public EscalationPolicyValidator()
        {
            RuleFor(p => p.RaiseAfter).ValidRaiseAfter();
            RuleFor(p => p.ResolveAfter).ValidResolveAfter();
            RuleFor(p => p.DeclineRunLength).ValidDeclineRunLength();
            RuleFor(p => p.Ladder!).ValidLadder().When(p => p.Ladder is not null);
            RuleForEach(p => p.Ladder).ValidLadderLevel();
        }
    }
}
