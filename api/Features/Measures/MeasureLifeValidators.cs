using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using FluentValidation;
using static ContractMonitor.Api.Features.Measures.PeriodText;

namespace ContractMonitor.Api.Features.Measures;

internal sealed class EditMeasureValidator : ApiValidator<EditMeasureRequest>
{
    public EditMeasureValidator()
    {
        RuleFor(r => r.Reason).RequiredText(1000);
        RuleFor(r => r.Title!).RequiredText(200).When(r => r.Title is not null);
        RuleFor(r => r.Definition!).RequiredText(CommonRules.MaxText).When(r => r.Definition is not null);
        RuleFor(r => r.DefinitionFrom).NotEmpty().When(r => r.Definition is not null)
            .WithMessage("'definitionFrom' is required with a definition: the first period the new definition applies to.");
        RuleFor(r => r.DefinitionFrom).Null().When(r => r.Definition is null)
            .WithMessage("'definitionFrom' goes with a new 'definition'.");
        RuleFor(r => r.Category).OptionalText(100);
        RuleFor(r => r.UnitLabel).OptionalText(64);
        RuleFor(r => r.StartPeriod!).Must(IsPeriod).When(r => r.StartPeriod is not null).WithMessage(NotAPeriod("startPeriod"));
        RuleFor(r => r.DefinitionFrom!).Must(IsPeriod).When(r => r.DefinitionFrom is not null).WithMessage(NotAPeriod("definitionFrom"));
        RuleFor(r => r.Decimals).InclusiveBetween(0, MeasureValueRules.MaxDecimals)
            .WithMessage($"'decimals' must be from 0 to {MeasureValueRules.MaxDecimals}.");
        RuleFor(r => r).Must(r => r.Title is not null || r.Definition is not null || r.Category is not null || r.Decimals is not null
                                  || r.UnitLabel is not null || r.StartPeriod is not null)
            .OverridePropertyName("request")
            .WithMessage("Name at least one of 'title', 'definition', 'category', 'decimals', 'unitLabel' and 'startPeriod' to change.");
    }
}

internal sealed class RetireMeasureValidator : ApiValidator<RetireMeasureRequest>
{
    public RetireMeasureValidator()
    {
        RuleFor(r => r.FromPeriod).RequiredText(16).Must(IsPeriod).WithMessage(NotAPeriod("fromPeriod"));
        RuleFor(r => r.Reason).RequiredText(1000);
    }
}

internal sealed class ReinstateMeasureValidator : ApiValidator<ReinstateMeasureRequest>
{
    public ReinstateMeasureValidator() => RuleFor(r => r.Reason).RequiredText(1000);
}

/// <summary>A string that is no period at all is a bad request (400, DESIGN §6); one of the wrong frequency or outside the term breaks a rule (422).</summary>
internal static class PeriodText
{
    public static bool IsPeriod(string? text) => text is null || Period.TryParse(text.Trim(), out _);

    public static string NotAPeriod(string field) => $"'{field}' is not a period. Use {Period.AcceptedForms}.";
}
