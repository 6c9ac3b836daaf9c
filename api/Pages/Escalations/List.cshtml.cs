using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Escalations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages.Escalations;

/// <summary>A contract's escalations, newest first, filtered by status as the API's list is.</summary>
internal sealed class ListModel(ContractStore contracts, EscalationStore escalations) : PageModel
{
    public Contract Contract { get; private set; } = null!;

    public IReadOnlyList<Escalation> Escalations { get; private set; } = [];

    public EscalationFilter Filter { get; private set; } = EscalationFilter.Open;

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await contracts.FindVisibleAsync(id, PageCaller.Of(User), cancellationToken) is not { } contract)
        {
            return NotFound();
        }

        Contract = contract;
        Filter = QueryValues.TryReadName(Status, EscalationFilter.Open, out var filter) ? filter : EscalationFilter.Open;
        Escalations = (await escalations.ListAsync(contract.Id, Filter, null, cancellationToken)).OrderByDescending(e => e.Id).ToList();
        return Page();
    }
}
