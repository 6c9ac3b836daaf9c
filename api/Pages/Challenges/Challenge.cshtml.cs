using ContractMonitor.Api.Features.Challenges;
using ContractMonitor.Api.Pages.Shared;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Measures;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages.Challenges;

/// <summary>
/// One challenge: what the council asked, the figure it asked about (and any revision since), the
/// trust's responses; the trust responds here and the council closes it here, with the API's rules.
/// </summary>
internal sealed class ChallengeModel(ChallengeStore challenges, MeasureStore measures) : PageModel
{
    public Challenge Item { get; private set; } = null!;

    public Caller Caller { get; private set; } = null!;

    /// <summary>The challenged measure, for its unit and decimal places.</summary>
    public Measure Measure { get; private set; } = null!;

    public Dictionary<string, string> Errors { get; } = [];

    public Refusal? Refusal { get; private set; }

    [BindProperty(Name = "text")]
    public string? Text { get; set; }

    [BindProperty(Name = "outcome")]
    public string? Outcome { get; set; }

    [BindProperty(Name = "note")]
    public string? Note { get; set; }

    public bool CanRespond => Caller.Role == Role.Provider && Item.Status != ChallengeStatus.Closed;

    public bool CanClose => NewModel.MayChallenge.Contains(Caller.Role) && Item.Status != ChallengeStatus.Closed;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRespondAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Caller.Role != Role.Provider)
        {
            return Forbid();
        }

        foreach (var failure in new RespondToChallengeValidator().Validate(new RespondToChallengeRequest(Text)).Errors)
        {
            Errors.TryAdd("text", PageText.Sentence(failure.ErrorMessage));
        }

        return Errors.Count > 0 ? Page() : await WrittenAsync(await challenges.RespondAsync(id, Caller, Text!, cancellationToken), Text, "The trust's response has been recorded.", cancellationToken);
    }

    public async Task<IActionResult> OnPostCloseAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!NewModel.MayChallenge.Contains(Caller.Role))
        {
            return Forbid();
        }

        ChallengeOutcome? outcome = Enum.TryParse<ChallengeOutcome>(Outcome, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
        foreach (var failure in new CloseChallengeValidator().Validate(new CloseChallengeRequest(outcome, Note)).Errors)
        {
            Errors.TryAdd(PageText.FieldOf(failure.PropertyName), PageText.Sentence(failure.ErrorMessage));
        }

        return Errors.Count > 0 ? Page() : await WrittenAsync(await challenges.CloseAsync(id, Caller, outcome!.Value, Note, cancellationToken), Note, "The challenge has been closed.", cancellationToken);
    }

    /// <summary>
    /// Post, redirect, get on success. A refusal means the challenge changed meanwhile (closed by
    /// someone else): the page shows it as it is now, with what was written handed back.
    /// </summary>
    private async Task<IActionResult> WrittenAsync(Core.Data.WriteResult<Challenge>? result, string? written, string done, CancellationToken cancellationToken)
    {
        if (result?.Value is null)
        {
            Refusal = new($"Not saved. {result?.Detail ?? "This challenge cannot be changed."}", written);
            return await LoadAsync(Item.Id, cancellationToken) ? Page() : NotFound();
        }

        TempData[Success.Key] = done;
        return LocalRedirect($"~/challenges/{Item.Id}");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        Caller = PageCaller.Of(User);
        if (await challenges.FindVisibleAsync(id, Caller, cancellationToken) is not { } challenge)
        {
            return false;
        }

        if (await measures.FindAsync(challenge.ContractId, challenge.MeasureCode, cancellationToken) is not { } measure)
        {
            return false;
        }

        Item = challenge;
        Measure = measure;
        return true;
    }
}
