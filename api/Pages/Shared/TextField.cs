namespace ContractMonitor.Api.Pages.Shared;

/// <summary>A GOV.UK text input or textarea: its name (also its id), label, value, hint and any error.</summary>
internal sealed record TextField(string Name, string Label, string? Value, string? Hint, IReadOnlyDictionary<string, string> Errors)
{
    public string? Error => Errors.GetValueOrDefault(Name);

    public string? DescribedBy =>
        string.Join(' ', new[] { Hint is null ? null : $"{Name}-hint", Error is null ? null : $"{Name}-error" }.OfType<string>()) is { Length: > 0 } ids ? ids : null;
}
