using ContractMonitor.Api.Features.Papers;
using ContractMonitor.Api.Pages.Shared;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Papers;
using ContractMonitor.Core.Periods;
using Microsoft.AspNetCore.Mvc;

namespace ContractMonitor.Api.Pages.Papers;

/// <summary>
/// The paper as it would be published now, or as it would have been at the end of <c>knownAt</c>
/// (issue 18), for the council's officers only; with its Word document and the form that publishes it.
/// </summary>
internal sealed class PreviewModel(ContractStore contracts, PaperBuilder builder, PaperStore papers, TimeProvider clock)
    : ContractPageModel(contracts, clock)
{
    private readonly TimeProvider clock = clock;

    [BindProperty(SupportsGet = true, Name = "period")]
    public string? PeriodText { get; set; }

    [BindProperty(SupportsGet = true, Name = "knownAt")]
    public string? KnownAt { get; set; }

    [BindProperty(SupportsGet = true, Name = "title")]
    public string? Title { get; set; }

    [BindProperty(Name = "meetingDate")]
    public string? MeetingDate { get; set; }

    /// <summary>The publish form's key: the same form sent twice publishes one paper.</summary>
    [BindProperty(Name = "key")]
    public string? Key { get; set; }

    public string NewKey { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The paper, or null when the period or date asked for is wrong.</summary>
    public PaperContent? Paper { get; private set; }

    /// <summary>Problems with what was asked for (the query) or with the publish form.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public TextField PeriodField => new("period", "Period the paper reports", PeriodText,
        "A quarter, for example 2016-17-Q1, or a financial year, for example 2016-17.", Errors, "govuk-input--width-10");

    public TextField KnownAtField => new("knownAt", "Figures as known at the end of", KnownAt,
        "For example, 2016-08-20. Leave empty for now.", Errors, "govuk-input--width-10");

    public TextField TitleField => new("title", "Title", Title ?? Paper?.Title, "As the panel's agenda names it.", Errors, "govuk-input--width-30");

    public TextField MeetingDateField => new("meetingDate", "Meeting date", MeetingDate, "For example, 2016-09-14.", Errors, "govuk-input--width-10");

    /// <summary>The preview's query, for the Word document's link.</summary>
    public string Query => QueryString.Create(new Dictionary<string, string?>
    {
        ["period"] = PeriodText, ["knownAt"] = KnownAt, ["title"] = Title,
    }.Where(p => !string.IsNullOrWhiteSpace(p.Value))).ToUriComponent();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await FindContractAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!PapersEndpoints.MayPublish.Contains(PageCaller.Of(User).Role))
        {
            return Forbid();
        }

        // Arriving from the list with nothing asked yet: the form, without errors.
        Paper = string.IsNullOrWhiteSpace(PeriodText) && string.IsNullOrWhiteSpace(KnownAt) ? null : await BuildAsync(cancellationToken);
        return Page();
    }

    /// <summary>Publishes the paper as known now: whatever <c>knownAt</c> the preview showed, a paper freezes the present.</summary>
    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await FindContractAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var caller = PageCaller.Of(User);
        if (!PapersEndpoints.MayPublish.Contains(caller.Role))
        {
            return Forbid();
        }

        KnownAt = null;
        DateOnly? meeting = DateOnly.TryParseExact(MeetingDate?.Trim(), "yyyy-MM-dd", out var day) ? day : null;
        foreach (var failure in new PublishPaperValidator().Validate(new PublishPaperRequest(PeriodText, meeting, Title)).Errors)
        {
            Errors.TryAdd(PageText.FieldOf(failure.PropertyName), PageText.Sentence(failure.ErrorMessage));
        }

        if (meeting is null && !string.IsNullOrWhiteSpace(MeetingDate))
        {
            Errors["meetingDate"] = "Enter the meeting date as a real date, for example 2016-09-14";
        }

        PaperPeriod.TryRead(PeriodText, out var period, out _);
        if (Errors.Count == 0 && PapersEndpoints.TermProblem(Contract, period, UkCalendar.Today(clock)) is { } problem)
        {
            Errors["period"] = PageText.Sentence(problem);
        }

        if (Errors.Count > 0)
        {
            // The preview stays beside the form, so the officer sees what they were about to publish.
            var wrong = new Dictionary<string, string>(Errors);
            Errors.Clear();
            Paper = await BuildAsync(cancellationToken);
            foreach (var (field, message) in wrong)
            {
                // Without a paper there is no publish form: only the period can be put right.
                if (Paper is not null || field == "period")
                {
                    Errors[field] = message;
                }
            }

            return Page();
        }

        var key = string.IsNullOrWhiteSpace(Key) || Key.Length > 100 ? null : Key;
        var paper = await papers.PublishAsync(Contract, caller, period, meeting!.Value, Title!.Trim(), cancellationToken, key);
        TempData[Success.Key] = $"“{paper.Title}” has been published. It will not change.";
        return LocalRedirect($"~/papers/{paper.Id}");
    }

    private async Task<PaperContent?> BuildAsync(CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var paper = await PapersEndpoints.BuildPreviewAsync(Contract, PageCaller.Of(User), PeriodText, KnownAt, Title, builder, clock, errors,
            cancellationToken);
        foreach (var (field, messages) in errors)
        {
            Errors[field] = PageText.Sentence(messages[0]);
        }

        return paper;
    }
}
