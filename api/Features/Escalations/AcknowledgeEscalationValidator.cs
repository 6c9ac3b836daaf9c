using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Escalations;

namespace ContractMonitor.Api.Features.Escalations;

internal sealed class AcknowledgeEscalationValidator : ApiValidator<AcknowledgeEscalationRequest>
{
    public AcknowledgeEscalationValidator()
    {
        RuleFor(r => r.Note).RequiredNote(CommonRules.MaxText, "'note' is required: say what the council is doing about it.");
    }
}
