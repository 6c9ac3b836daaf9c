using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages;

internal sealed class SignOutModel(IAuthenticationSchemeProvider schemes) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("~/");

    /// <summary>Out of the cookie and, where there is one, the identity provider's session: on a shared PC the next person must sign in again.</summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await schemes.GetSchemeAsync(Auth.PageAuthentication.OidcScheme) is not null)
        {
            return SignOut(new AuthenticationProperties { RedirectUri = Url.Content("~/") }, Auth.PageAuthentication.Scheme, Auth.PageAuthentication.OidcScheme);
        }

        await HttpContext.SignOutAsync(Auth.PageAuthentication.Scheme);
        return LocalRedirect("/");
    }
}
