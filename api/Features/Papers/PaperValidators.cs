using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Text;
using FluentValidation;

namespace ContractMonitor.Api.Features.Papers;

internal sealed class PublishPaperValidator : ApiValidator<PublishPaperRequest>
{
    public PublishPaperValidator()
    {
        // Two rules, not one chain: a When at the end of a chain would switch off the NotEmpty too.
        RuleFor(r => r.Period).Must(p => !string.IsNullOrWhiteSpace(p))
            .WithMessage("'period' is required: enter the quarter (2016-17-Q1) or year (2016-17) the paper reports.");
        RuleFor(r => r.Period).Must(p => PaperPeriod.TryRead(p, out _, out _)).When(r => !string.IsNullOrWhiteSpace(r.Period))
            .WithMessage(r => PaperPeriod.TryRead(r.Period, out _, out var error) ? "" : error);
        RuleFor(r => r.MeetingDate).NotNull().WithMessage("'meetingDate' is required: enter the day the panel meets, for example 2016-09-14.");
        RuleFor(r => r.Title).RequiredNote(200, "'title' is required: enter the paper's title, as the panel's agenda names it.");
    }
}

internal sealed class WithdrawPaperValidator : ApiValidator<WithdrawPaperRequest>
{
    public WithdrawPaperValidator()
    {
        RuleFor(r => r.Reason).RequiredNote(CommonRules.MaxText, "'reason' is required: say why the paper is withdrawn.");
    }
}

/// <summary>A paper reports a quarter or a financial year.</summary>
internal static class PaperPeriod
{
    public static bool TryRead(string? text, out Period period, out string error)
    {
        period = default;
        error = "";
        var trimmed = text?.Trim();
        var shown = TextRules.Shorten(trimmed ?? "");
        if (Period.TryParse(trimmed, out period) && period.Frequency != Frequency.Monthly)
        {
            return true;
        }

        error = Period.TryParse(trimmed, out _)
            ? $"'{shown}' is a month: a paper reports a quarter (2016-17-Q1) or a financial year (2016-17)."
            : $"'{shown}' is not a quarter (2016-17-Q1) or a financial year (2016-17).";
        return false;
    }
}
