using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Measures;
using FluentValidation;

namespace ContractMonitor.Api.Features.Measures;

internal sealed class CreateMeasureValidator : ApiValidator<CreateMeasureRequest>
{
    public CreateMeasureValidator()
    {
        RuleFor(r => r.Code).RequiredText(16)
            .MatchesTrimmed(CommonRules.MeasureCode())
            .WithMessage("'code' must be up to 16 letters, digits, dots, hyphens or underscores, such as B13.");
        RuleFor(r => r.Title).RequiredText(200);
        RuleFor(r => r.Definition).OptionalText(CommonRules.MaxText);
        RuleFor(r => r.Category).OptionalText(100);
        RuleFor(r => r.Unit).NotNull().WithMessage("'unit' is required: Percent, Count, Days, Rate or Number.");
        RuleFor(r => r.Polarity).NotNull().WithMessage("'polarity' is required: HigherIsBetter or LowerIsBetter.");
        RuleFor(r => r.Frequency).NotNull().WithMessage("'frequency' is required: Monthly, Quarterly or Annual.");
        // Weighting by denominators only means something for a share of them.
        RuleFor(r => r.Rollup).Must((r, rollup) => rollup != Rollup.NumeratorOverDenominator || r.Unit is MeasureUnit.Percent or MeasureUnit.Rate or null)
            .WithMessage("'rollup' NumeratorOverDenominator needs a Percent or Rate measure; use Sum, Mean or Latest.");
        RuleFor(r => r.Decimals).InclusiveBetween(0, MeasureValueRules.MaxDecimals)
            .WithMessage($"'decimals' must be from 0 to {MeasureValueRules.MaxDecimals}.");
        RuleFor(r => r.Decimals).Equal(0).When(r => r.Unit == MeasureUnit.Count && r.Decimals is not null)
            .WithMessage("'decimals' must be 0 for a Count measure.");
    }
}
