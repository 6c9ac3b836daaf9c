using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.SplitScreen;
using Microsoft.AspNetCore.Mvc;

namespace ContractMonitor.Api.Pages.SplitScreen;

/// <summary>
/// The panel's paper on screen (DESIGN §3.5): for every measure, the trust's account beside the
/// council's challenges and the trust's responses, from the same read as the API's split screen.
/// Printed, it is an A4 landscape paper.
/// </summary>
internal sealed class SplitScreenModel(
    ContractStore contracts, MeasureStore measures, SplitScreenReader reader, Core.SignOff.PeriodSignOffStore signOffs, TimeProvider clock)
    : ContractPageModel(contracts, clock)
{
    /// <summary>Each shown period's sign-off state (issue 20).</summary>
    public IReadOnlyDictionary<string, ContractMonitor.Contracts.SignOff.PeriodDataState> DataStates { get; private set; } =
        new Dictionary<string, ContractMonitor.Contracts.SignOff.PeriodDataState>();

    public SplitScreenReport Report { get; private set; } = null!;

    public IReadOnlyDictionary<string, Measure> Measures { get; private set; } = new Dictionary<string, Measure>();

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await FindContractAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Report = await reader.ReadAsync(Contract, ReadAsOf(), null, cancellationToken);
        Measures = (await measures.ListAsync(Contract.Id, cancellationToken)).ToDictionary(m => m.Code);
        DataStates = await signOffs.StatesAsync(Contract.Id, Report.Rows.Select(r => r.Standing.Period).OfType<string>().ToList(), null, cancellationToken);
        return Page();
    }
}
