using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages;

/// <summary>
/// Where a signed-out visitor is sent. In Development the demo sign-in answers it; elsewhere the
/// council's identity provider will (OpenID Connect), and until it is set up this page says so.
/// </summary>
internal sealed class SignInModel(IHostEnvironment environment, IAuthenticationSchemeProvider schemes) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? returnUrl)
    {
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl! : Url.Content("~/");
        if (await schemes.GetSchemeAsync(Auth.PageAuthentication.OidcScheme) is not null)
        {
            return Challenge(new AuthenticationProperties { RedirectUri = back }, Auth.PageAuthentication.OidcScheme);
        }

        return environment.IsDevelopment() ? LocalRedirect("~/dev/sign-in?returnUrl=" + Uri.EscapeDataString(back)) : Page();
    }
}
