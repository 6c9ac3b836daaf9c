using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages;

/// <summary>
/// Where a signed-out visitor is sent. In Development the demo sign-in answers it; elsewhere the
/// council's identity provider will (OpenID Connect), and until it is set up this page says so.
/// </summary>
internal sealed class SignInModel(IHostEnvironment environment) : PageModel
{
    public IActionResult OnGet(string? returnUrl) => environment.IsDevelopment()
        ? LocalRedirect("/dev/sign-in?returnUrl=" + Uri.EscapeDataString(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/"))
        : Page();
}
