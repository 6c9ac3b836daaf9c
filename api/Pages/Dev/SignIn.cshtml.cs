using System.Security.Claims;
using ContractMonitor.Api.Development;
using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages.Dev;

/// <summary>
/// Development only: sign in as any role of any organisation with one click, so the pages can be
/// seen (and driven by a script) without an identity provider. Outside Development it is a 404.
/// </summary>
internal sealed class SignInModel(IHostEnvironment environment) : PageModel
{
    public sealed record DemoUser(string Name, Role Role, string Org, string Description);

    public static readonly IReadOnlyList<DemoUser> DemoUsers =
    [
        new("alice.admin", Role.Admin, DemoData.CouncilCode, "the council's performance team"),
        new("carol.officer", Role.Commissioner, DemoData.CouncilCode, "a council contract officer"),
        new("cllr.chair", Role.Panel, DemoData.CouncilCode, "the scrutiny panel's chair"),
        new("pat.datalead", Role.Provider, DemoData.TrustCode, "the trust's data lead"),
    ];

    public string ReturnUrl { get; private set; } = "/";

    public IActionResult OnGet(string? returnUrl)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        ReturnUrl = Url.IsLocalUrl(returnUrl) ? returnUrl! : Url.Content("~/");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? role, string? org, string? name, string? returnUrl)
    {
        if (!environment.IsDevelopment())
        {
            return NotFound();
        }

        if (!Enum.TryParse<Role>(role, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || string.IsNullOrWhiteSpace(org))
        {
            return BadRequest();
        }

        // Longer than the columns that record them: no such caller could act, so no cookie is issued.
        if (Caller.TooLong(name?.Trim() ?? "", org) is not null)
        {
            return BadRequest();
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(Caller.RoleClaim, parsed.ToString()),
                new Claim(Caller.OrgClaim, org.Trim()),
                new Claim("unique_name", string.IsNullOrWhiteSpace(name) ? $"{parsed.ToString().ToLowerInvariant()}@{org.Trim()}" : name.Trim()),
            ],
            Auth.PageAuthentication.Scheme, "unique_name", Caller.RoleClaim);
        await HttpContext.SignInAsync(Auth.PageAuthentication.Scheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "~/");
    }
}
