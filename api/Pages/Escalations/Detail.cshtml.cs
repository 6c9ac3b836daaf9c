using ContractMonitor.Api.Features.Escalations;
using ContractMonitor.Api.Features.Notifications;
using ContractMonitor.Api.Pages.Shared;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Escalations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages.Escalations;

/// <summary>
/// One escalation: where it stands, its events as a timeline, the emails sent about it (to the
/// council's side), and the council's acknowledgement, with the API's rules and store.
/// </summary>
internal sealed class DetailModel(EscalationStore escalations) : PageModel
{
    private static readonly Role[] MayAcknowledge = [Role.Admin, Role.Commissioner];

    public Escalation Escalation { get; private set; } = null!;

    public Caller Caller { get; private set; } = null!;

    public bool CanAcknowledge => MayAcknowledge.Contains(Caller.Role) && Escalation.Status != EscalationStatus.Resolved;

    public bool SeesEmails => NotificationsEndpoints.MaySee.Contains(Caller.Role);

    public Dictionary<string, string> Errors { get; } = [];

    public Refusal? Refusal { get; private set; }

    [BindProperty(Name = "note")]
    public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!MayAcknowledge.Contains(Caller.Role))
        {
            return Forbid();
        }

        var validation = new AcknowledgeEscalationValidator().Validate(new AcknowledgeEscalationRequest(Note));
        foreach (var failure in validation.Errors)
        {
            Errors.TryAdd("note", failure.ErrorMessage.Replace("'note' is required: s", "S", StringComparison.Ordinal));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await escalations.AcknowledgeAsync(id, Caller, Note!, cancellationToken);
        if (result?.Value is null)
        {
            // Resolved meanwhile: show it as it is now, and hand back the note.
            Refusal = new($"Not saved. {result?.Detail ?? "This escalation cannot be acknowledged."}", Note);
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        // Post, redirect, get: a refresh does not acknowledge twice.
        TempData[Success.Key] = "The council's acknowledgement has been recorded.";
        return LocalRedirect($"~/escalations/{id}");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Caller = PageCaller.Of(User);
        if (await escalations.FindVisibleAsync(id, Caller, cancellationToken) is not { } escalation)
        {
            return false;
        }

        Escalation = escalation;
        return true;
    }
}
