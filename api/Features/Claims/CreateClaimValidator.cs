using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Claims;
using FluentValidation;

namespace ContractMonitor.Api.Features.Claims;

internal sealed class CreateClaimValidator : ApiValidator<CreateClaimRequest>
{
    public CreateClaimValidator()
    {
        RuleFor(r => r.MeasureCode).NotEmpty().WithMessage("'measureCode' is required.");
        RuleFor(r => r.Period).NotEmpty().WithMessage("'period' is required.");
        RuleFor(r => r.Text).RequiredNote(CommonRules.MaxText, "'text' is required: say what the trust wants the council to know.");
    }
}
