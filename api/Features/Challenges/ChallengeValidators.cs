using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Core.Challenges;
using FluentValidation;

namespace ContractMonitor.Api.Features.Challenges;

internal sealed class CreateChallengeValidator : ApiValidator<CreateChallengeRequest>
{
    public CreateChallengeValidator()
    {
        RuleFor(r => r.MeasureCode).NotEmpty().WithMessage("'measureCode' is required.");
        RuleFor(r => r.Period).NotEmpty().WithMessage("'period' is required.");
        RuleFor(r => r.Text).RequiredNote(CommonRules.MaxText, "'text' is required: say what the council questions about the figure.");
    }
}

internal sealed class RespondToChallengeValidator : ApiValidator<RespondToChallengeRequest>
{
    public RespondToChallengeValidator()
    {
        RuleFor(r => r.Text).RequiredNote(CommonRules.MaxText, "'text' is required: say how the trust answers the challenge.");
    }
}

internal sealed class CloseChallengeValidator : ApiValidator<CloseChallengeRequest>
{
    public CloseChallengeValidator()
    {
        RuleFor(r => r.Outcome).NotNull().WithMessage("'outcome' is required: Agreed or Disputed.");
        RuleFor(r => r.Note).OptionalText(CommonRules.MaxText);
        RuleFor(r => r.Note)
            .Must((request, note) => request.Outcome is not { } outcome || ChallengeRules.CheckCloseNote(outcome, note) is null)
            .WithMessage(request => ChallengeRules.CheckCloseNote(request.Outcome!.Value, request.Note)!);
    }
}
