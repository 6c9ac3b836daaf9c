using ContractMonitor.Api.Validation;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.SplitScreen;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages.SplitScreen;

/// <summary>
/// The panel's paper on screen (DESIGN §3.5): for every measure, the trust's account beside the
/// council's challenges and the trust's responses, from the same read as the API's split screen.
/// Printed, it is an A4 landscape paper.
/// </summary>
internal sealed class SplitScreenModel(ContractStore contracts, MeasureStore measures, SplitScreenReader reader, TimeProvider clock) : PageModel
{
    public Contract Contract { get; private set; } = null!;

    public SplitScreenReport Report { get; private set; } = null!;

    public IReadOnlyDictionary<string, Measure> Measures { get; private set; } = new Dictionary<string, Measure>();

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOf { get; set; }

    public bool AsOfInvalid { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await contracts.FindVisibleAsync(id, PageCaller.Of(User), cancellationToken) is not { } contract)
        {
            return NotFound();
        }

        Contract = contract;
        AsOfInvalid = !QueryValues.TryReadDate(AsOf, clock, out var asOf);
        if (AsOfInvalid)
        {
            asOf = Core.Periods.UkCalendar.Today(clock);
        }

        Report = await reader.ReadAsync(contract, asOf, null, cancellationToken);
        Measures = (await measures.ListAsync(contract.Id, cancellationToken)).ToDictionary(m => m.Code);
        return Page();
    }
}
