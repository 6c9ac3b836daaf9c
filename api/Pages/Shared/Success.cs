namespace ContractMonitor.Api.Pages.Shared;

/// <summary>
/// The GOV.UK success banner after post, redirect, get. Its words travel in TempData, read once,
/// so a link cannot show a banner for something that did not happen, and a refresh does not repeat it.
/// </summary>
internal static class Success
{
    public const string Key = "Success";
}
