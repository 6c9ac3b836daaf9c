namespace ContractMonitor.Api.Pages.Shared;

/// <summary>A GOV.UK text input or textarea: its name (also its id), label, value, hint, any error, and its width class.</summary>
internal sealed record TextField(string Name, string Label, string? Value, string? Hint, IReadOnlyDictionary<string, string> Errors, string Width = "govuk-input--width-20")
{
    public string? Error => Errors.GetValueOrDefault(Name);

    public string? DescribedBy =>
        string.Join(' ', new[] { Hint is null ? null : $"{Name}-hint", Error is null ? null : $"{Name}-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
