namespace ContractMonitor.Api.Pages.Shared;

/// <summary>
/// A write the rules refused because the thing changed under the form (a challenge closed, an
/// escalation resolved, meanwhile): no field is wrong, so it is a banner, not an error summary,
/// and it hands back what the person wrote so that it is not lost.
/// </summary>
internal sealed record Refusal(string Message, string? Unsaved);
