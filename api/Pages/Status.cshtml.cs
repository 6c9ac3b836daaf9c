using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages;

/// <summary>
/// The page a person sees when a page answers 403 or 404, or any other error status. It is re-run
/// with the failed request's method, so it answers a form post too, and asks no antiforgery token
/// of it: a refused token is one of the errors it shows.
/// </summary>
[IgnoreAntiforgeryToken]
internal sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        // Only error statuses: /status/204 or /status/200 typed by hand is simply not a page.
        Code = code is >= 400 and <= 599 ? code : 404;
        Response.StatusCode = Code;
    }

    public void OnPost(int code) => OnGet(code);
}
