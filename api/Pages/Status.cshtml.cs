using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages;

/// <summary>The page a person sees when a page answers 403 or 404, or any other error status.</summary>
internal sealed class StatusModel : PageModel
{
    public int Code { get; private set; }

    public void OnGet(int code)
    {
        Code = code;
        Response.StatusCode = code;
    }
}
