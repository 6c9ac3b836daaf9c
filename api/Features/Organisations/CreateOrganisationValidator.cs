using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Organisations;
using FluentValidation;

namespace ContractMonitor.Api.Features.Organisations;

internal sealed class CreateOrganisationValidator : ApiValidator<CreateOrganisationRequest>
{
    public CreateOrganisationValidator()
    {
        RuleFor(r => r.Code).RequiredText(64)
            .MatchesTrimmed(CommonRules.OrganisationCode())
            .WithMessage("'code' must be letters, digits and hyphens, such as doncaster-council.");
        RuleFor(r => r.Name).RequiredText(200);
        RuleFor(r => r.Kind).NotNull().WithMessage("'kind' is required: Council or Provider.");
    }
}
