using ContractMonitor.Api.Features.Papers;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Papers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages.Papers;

/// <summary>The preview as the Word document publishing would freeze, for the clerk to edit before the paper goes out.</summary>
internal sealed class PreviewDocumentModel(ContractStore contracts, PaperBuilder builder, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, string? period, string? knownAt, string? title, CancellationToken cancellationToken)
    {
        var caller = PageCaller.Of(User);
        if (await contracts.FindVisibleAsync(id, caller, cancellationToken) is not { } contract)
        {
            return NotFound();
        }

        if (!PapersEndpoints.MayPublish.Contains(caller.Role))
        {
            return Forbid();
        }

        var errors = new Dictionary<string, string[]>();
        if (await PapersEndpoints.BuildPreviewAsync(contract, caller, period, knownAt, title, builder, clock, errors, cancellationToken)
            is not { } content)
        {
            // The preview page says what is wrong, beside the fields to put it right.
            return LocalRedirect($"~/contracts/{id}/papers/preview{Request.QueryString}");
        }

        return File(PaperDocument.Build(content), PaperDocument.ContentType, PapersEndpoints.PreviewFileName(contract, content));
    }
}
