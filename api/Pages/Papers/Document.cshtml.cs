using ContractMonitor.Core.Papers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace ContractMonitor.Api.Pages.Papers;

/// <summary>A published paper's Word document: the bytes frozen when it was published, with their hash as a strong ETag.</summary>
internal sealed class DocumentModel(PaperStore papers) : PageModel
{
    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var caller = PageCaller.Of(User);
        if (await papers.FindVisibleAsync(id, caller, cancellationToken) is not { } paper
            || await papers.DocumentAsync(id, caller, cancellationToken) is not { } document)
        {
            return NotFound();
        }

        return new FileContentResult(document.Bytes, PaperDocument.ContentType)
        {
            FileDownloadName = $"paper-{paper.Id}-{paper.Period}.docx",
            EntityTag = new EntityTagHeaderValue($"\"{document.Hash}\""),
        };
    }
}
