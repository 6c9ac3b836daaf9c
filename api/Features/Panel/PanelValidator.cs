using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Panel;
using FluentValidation;

namespace ContractMonitor.Api.Features.Panel;

internal sealed class PanelValidator : ApiValidator<PanelRequest>
{
    public PanelValidator()
    {
        RuleFor(r => r.Members).NotNull().WithMessage("'members' is required (an empty list clears the panel).");
        RuleFor(r => r.Members!)
            .Must(m => m.Count <= 50).WithMessage("'members' may list at most 50 people.")
            .Must(m => m.Count(x => x?.Role == PanelRole.Chair) <= 1).WithMessage("A panel has at most one Chair.")
            .Must(m => m.Count(x => x?.Role == PanelRole.ViceChair) <= 1).WithMessage("A panel has at most one ViceChair.")
            .Must(m => m.Where(x => x?.Email is not null).Select(x => x.Email.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count()
                       == m.Count(x => x?.Email is not null))
            .WithMessage("Each member's email address must be different.")
            .When(r => r.Members is not null);
        RuleForEach(r => r.Members).NotNull().WithMessage("'members' must not contain null entries.").ChildRules(member =>
        {
            member.RuleFor(m => m.Name).RequiredText(200);
            member.RuleFor(m => m.Email).RequiredText(254)
                .MatchesTrimmed(CommonRules.Email()).WithMessage("'email' must be an email address such as chair@council.gov.uk.");
            member.RuleFor(m => m.Role).NotNull().WithMessage("'role' is required: Chair, ViceChair or Member.");
        });
    }
}
