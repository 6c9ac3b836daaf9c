using ContractMonitor.Api.Features.Papers;
using ContractMonitor.Api.Pages.Shared;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Papers;
using ContractMonitor.Core.Periods;
using Microsoft.AspNetCore.Mvc;

namespace ContractMonitor.Api.Pages.Papers;

/// <summary>
/// A contract's panel papers (issue 18): every one published, withdrawn ones too, newest first;
/// officers start a new one here, from a preview.
/// </summary>
internal sealed class ListModel(ContractStore contracts, PaperStore papers, TimeProvider clock) : ContractPageModel(contracts, clock)
{
    public IReadOnlyList<PublishedPaper> Papers { get; private set; } = [];

    public bool CanPrepare { get; private set; }

    /// <summary>The quarter a new paper most likely reports: the last one ended by today, within the contract's term.</summary>
    public string SuggestedPeriod { get; private set; } = "";

    public TextField PeriodField => new("period", "Period the paper reports", SuggestedPeriod,
        "A quarter, for example 2016-17-Q1, or a financial year, for example 2016-17.", new Dictionary<string, string>(), "govuk-input--width-10");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await FindContractAsync(id, cancellationToken))
        {
            return NotFound();
        }

        CanPrepare = PapersEndpoints.MayPublish.Contains(PageCaller.Of(User).Role);
        Papers = await papers.ListAsync(Contract.Id, cancellationToken);
        var quarter = Period.Containing(Frequency.Quarterly, Today).Previous();
        SuggestedPeriod = (quarter.Overlaps(Contract.StartDate, Contract.EndDate) ? quarter : Period.Containing(Frequency.Quarterly, Contract.StartDate)).ToString();
        return Page();
    }
}
