using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Periods;
using FluentValidation;

namespace ContractMonitor.Api.Features.Contracts;

internal sealed class ChangeTermValidator : ApiValidator<ChangeTermRequest>
{
    public ChangeTermValidator()
    {
        RuleFor(r => r.EndDate).NotNull().WithMessage("'endDate' is required: the contract's new last day.");
        RuleFor(r => r.EndDate).LessThanOrEqualTo(new DateOnly(Period.MaxYear - 1, 12, 31))
            .WithMessage($"'endDate' must be on or before {Period.MaxYear - 1}-12-31.");
        RuleFor(r => r.Reason).RequiredText(1000);
    }
}
