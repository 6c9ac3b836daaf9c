using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Targets;
using FluentValidation;

namespace ContractMonitor.Api.Features.Targets;

internal sealed class SetTargetValidator : ApiValidator<SetTargetRequest>
{
    public SetTargetValidator()
    {
        RuleFor(r => r.Target).NotNull().WithMessage("'target' is required.");
        RuleFor(r => r.Tolerance).NotNull().WithMessage("'tolerance' is required.");
        RuleFor(r => r.Reason).RequiredText(1000);
    }
}
