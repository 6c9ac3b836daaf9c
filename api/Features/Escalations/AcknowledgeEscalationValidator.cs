using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Escalations;
using FluentValidation;

namespace ContractMonitor.Api.Features.Escalations;

public sealed class AcknowledgeEscalationValidator : ApiValidator<AcknowledgeEscalationRequest>
{
    public AcknowledgeEscalationValidator()
    {
        RuleFor(r => r.Note).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("'note' is required: say what the council is doing about it.")
            .OptionalText(CommonRules.MaxText);
    }
}
