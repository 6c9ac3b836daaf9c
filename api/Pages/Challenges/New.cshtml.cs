using System.Globalization;
using ContractMonitor.Api.Features.Challenges;
using ContractMonitor.Api.Pages.Shared;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Measures;
using Microsoft.AspNetCore.Mvc;

namespace ContractMonitor.Api.Pages.Challenges;

/// <summary>The council writes a challenge on a measure's figure for a period, with the API's rules.</summary>
internal sealed class NewModel(ContractStore contracts, MeasureStore measures, ChallengeStore challenges, TimeProvider clock)
    : ContractPageModel(contracts, clock)
{
    internal static readonly Role[] MayChallenge = [Role.Admin, Role.Commissioner];

    public Measure Measure { get; private set; } = null!;

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(SupportsGet = true, Name = "period")]
    public string? Period { get; set; }

    [BindProperty(Name = "text")]
    public string? Text { get; set; }

    [BindProperty(Name = "responseDueDate")]
    public string? ResponseDueDate { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, string code, CancellationToken cancellationToken) =>
        await LoadAsync(id, code, cancellationToken) is { } refusal ? refusal : Page();

    public async Task<IActionResult> OnPostAsync(long id, string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, code, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var errors = new Dictionary<string, string[]>();
        var about = MeasurePeriodRules.Check(Measure.Code, Measure, Period, Contract, Today, errors);
        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(ResponseDueDate))
        {
            if (DateOnly.TryParseExact(ResponseDueDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                due = date;
            }
            else
            {
                errors["responseDueDate"] = ["Enter the date the trust should answer by, for example 2026-09-30"];
            }
        }

        if (ChallengeRules.CheckResponseDueDate(due, Today) is { } dueProblem)
        {
            errors["responseDueDate"] = [dueProblem];
        }

        foreach (var failure in new CreateChallengeValidator().Validate(new CreateChallengeRequest(Measure.Code, Period, Text, due)).Errors)
        {
            errors.TryAdd(PageText.FieldOf(failure.PropertyName), [failure.ErrorMessage]);
        }

        foreach (var (field, messages) in errors)
        {
            Errors[field] = PageText.Sentence(messages[0]);
        }

        if (about is null || Errors.Count > 0)
        {
            return Page();
        }

        var challenge = await challenges.CreateAsync(Contract, PageCaller.Of(User), about, Text!, due, HttpContext.RequestAborted);
        TempData[Success.Key] = "The challenge has been written.";
        return LocalRedirect($"~/challenges/{challenge.Id}");
    }

    private async Task<IActionResult?> LoadAsync(long id, string code, CancellationToken cancellationToken)
    {
        if (!await FindContractAsync(id, cancellationToken) || await measures.FindAsync(id, code, cancellationToken) is not { } measure)
        {
            return NotFound();
        }

        Measure = measure;
        return MayChallenge.Contains(PageCaller.Of(User).Role) ? null : Forbid();
    }
}
