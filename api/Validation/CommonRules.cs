using System.Text.RegularExpressions;
using ContractMonitor.Core.Text;
using FluentValidation;

namespace ContractMonitor.Api.Validation;

/// <summary>Rules shared by several requests, so a name or a code means the same everywhere.</summary>
internal static partial class CommonRules
{
    public const int MaxText = TextRules.MaxText;

    /// <summary>Required, trimmed, at most <paramref name="max"/> characters, and no control characters.</summary>
    public static IRuleBuilderOptions<T, string> RequiredText<T>(this IRuleBuilderInitial<T, string> rule, int max) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("'{PropertyName}' is required.")
            .MaximumLength(max).WithMessage($"'{{PropertyName}}' must be at most {max} characters.")
            .Must(NoControlCharacters).WithMessage("'{PropertyName}' must not contain control characters.");

    /// <summary>
    /// The value, once trimmed, matches <paramref name="pattern"/>: stores keep the trimmed form, so
    /// a code pasted from a spreadsheet with a stray space is accepted, not refused.
    /// </summary>
    public static IRuleBuilderOptions<T, string> MatchesTrimmed<T>(this IRuleBuilderOptions<T, string> rule, Regex pattern) =>
        rule.Must(v => pattern.IsMatch(v.Trim()));

    /// <summary>Free text that must say something: not blank, at most <paramref name="max"/> characters, line breaks allowed.</summary>
    public static IRuleBuilderOptions<T, string?> RequiredNote<T>(this IRuleBuilderInitial<T, string?> rule, int max, string whenMissing) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage(whenMissing)
            .OptionalText(max);

    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.MaximumLength(max).WithMessage($"'{{PropertyName}}' must be at most {max} characters.")
            .Must(v => v is null || !TextRules.HasControlCharacters(v, allowLineBreaks: true))
            .WithMessage("'{PropertyName}' must not contain control characters.");

    public static bool NoControlCharacters(string value) => !TextRules.HasControlCharacters(value, allowLineBreaks: false);

    /// <summary>An organisation code such as <c>doncaster-council</c>.</summary>
    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?$")]
    public static partial Regex OrganisationCode();

    /// <summary>A measure code such as <c>A3</c> or <c>B13.1</c>.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,15}$")]
    public static partial Regex MeasureCode();

    [GeneratedRegex(@"^[^@\s<>()\[\],;:""\\]+@[^@\s<>()\[\],;:""\\]+\.[^@\s<>()\[\],;:""\\]+$")]
    public static partial Regex Email();
}
