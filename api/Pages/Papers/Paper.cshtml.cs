using System.Text.Json;
using ContractMonitor.Api.Features.Papers;
using ContractMonitor.Api.Pages.Shared;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Papers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages.Papers;

/// <summary>
/// A published paper (issue 18): its content exactly as frozen, what has been recorded since that it
/// does not show, and, for the council's officers, withdrawing it with a reason.
/// </summary>
internal sealed class PaperModel(PaperStore papers) : PageModel
{
    public PublishedPaper Published { get; private set; } = null!;

    public PaperContent Frozen { get; private set; } = null!;

    public IReadOnlyList<PaperChange> Changes { get; private set; } = [];

    public Caller Caller { get; private set; } = null!;

    public bool CanWithdraw => PapersEndpoints.MayPublish.Contains(Caller.Role) && !Published.Withdrawn;

    public Dictionary<string, string> Errors { get; } = [];

    public Refusal? Refusal { get; private set; }

    [BindProperty(Name = "reason")]
    public string? Reason { get; set; }

    public TextField ReasonField => new("reason", "Why is it withdrawn?", Reason, "The panel and the trust will read this beside the paper.", Errors);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!PapersEndpoints.MayPublish.Contains(Caller.Role))
        {
            return Forbid();
        }

        foreach (var failure in new WithdrawPaperValidator().Validate(new WithdrawPaperRequest(Reason)).Errors)
        {
            Errors.TryAdd("reason", PageText.Sentence(failure.ErrorMessage));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await papers.WithdrawAsync(id, Caller, Reason!.Trim(), cancellationToken);
        if (result?.Value is null)
        {
            // Withdrawn by someone else meanwhile: show it as it is now, with the reason handed back.
            Refusal = new($"Not saved. {result?.Detail ?? "This paper cannot be withdrawn."}", Reason);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        TempData[Success.Key] = "The paper has been withdrawn. It stays listed, with your reason.";
        return LocalRedirect($"~/papers/{id}");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Caller = PageCaller.Of(User);
        if (await papers.FindVisibleAsync(id, Caller, cancellationToken) is not { } paper
            || await papers.ContentAsync(id, Caller, cancellationToken) is not { } content)
        {
            return false;
        }

        Published = paper;
        Frozen = JsonSerializer.Deserialize<PaperContent>(content, JsonDefaults.Web)!;
        Changes = await papers.ChangesSinceAsync(paper, cancellationToken);
        return true;
    }
}
