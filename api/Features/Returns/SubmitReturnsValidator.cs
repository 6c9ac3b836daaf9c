using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Returns;
using FluentValidation;

namespace ContractMonitor.Api.Features.Returns;

/// <summary>
/// The shape of the batch only. Each row is checked against the contract by
/// <see cref="Core.Returns.ReturnRules"/>, whose errors (422) are keyed by row.
/// </summary>
internal sealed class SubmitReturnsValidator : ApiValidator<SubmitReturnsRequest>
{
    public const int MaxRows = 5000;

    public SubmitReturnsValidator()
    {
        RuleFor(r => r.Returns).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("'returns' is required: a list of { measureCode, period, value, numerator, denominator, commentary }.")
            .NotEmpty().WithMessage("'returns' must hold at least one return.")
            .Must(r => r!.Count <= MaxRows).WithMessage($"'returns' may hold at most {MaxRows} returns; split larger batches.");
    }
}
