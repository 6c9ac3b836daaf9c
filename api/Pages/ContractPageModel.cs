using ContractMonitor.Api.Pages.Shared;
using ContractMonitor.Api.Validation;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Periods;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages;

/// <summary>
/// A page about one contract, read at an <c>asOf</c> date: the contract as the signed-in person may
/// see it (another organisation's is the 404 page), and the date they asked for, or today.
/// </summary>
internal abstract class ContractPageModel(ContractStore contracts, TimeProvider clock) : PageModel
{
    public Contract Contract { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOf { get; set; }

    /// <summary>The <c>asOf</c> problem, if <see cref="AsOf"/> is not a date; the page then shows today.</summary>
    public Dictionary<string, string> AsOfErrors { get; } = [];

    public TextField AsOfField => new("asOf", "Latest periods ended by", AsOf, "For example, 2026-09-30. Leave empty for today.", AsOfErrors, "govuk-input--width-10");

    /// <summary>False when the caller may not see the contract: answer <see cref="PageModel.NotFound()"/>.</summary>
    protected async Task<bool> FindContractAsync(long id, CancellationToken cancellationToken)
    {
        if (await contracts.FindVisibleAsync(id, PageCaller.Of(User), cancellationToken) is not { } contract)
        {
            return false;
        }

        Contract = contract;
        return true;
    }

    /// <summary>Today in England, by the service's clock.</summary>
    protected DateOnly Today => UkCalendar.Today(clock);

    protected DateOnly ReadAsOf()
    {
        if (QueryValues.TryReadDate(AsOf, clock, out var asOf))
        {
            return asOf;
        }

        AsOfErrors["asOf"] = "Enter a real date, for example 2026-09-30";
        return UkCalendar.Today(clock);
    }
}
