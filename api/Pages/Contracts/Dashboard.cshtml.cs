using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using Microsoft.AspNetCore.Mvc;

namespace ContractMonitor.Api.Pages.Contracts;

/// <summary>
/// A contract at a glance (issue 17): the panel's summary line, then every measure at its latest
/// period with its rating, direction and open escalations, from the same status read as the API.
/// </summary>
internal sealed class DashboardModel(
    ContractStore contracts, MeasureStore measures, StatusReader status, Core.SignOff.PeriodSignOffStore signOffs,
    Core.Exceptions.ExceptionStore exceptions, TimeProvider clock)
    : ContractPageModel(contracts, clock)
{
    /// <summary>The agreed exceptions holding measures today (issue 20).</summary>
    public Features.Exceptions.ExceptionHolds Holds { get; private set; } = null!;

    /// <summary>Each shown period's sign-off state (issue 20).</summary>
    public IReadOnlyDictionary<string, ContractMonitor.Contracts.SignOff.PeriodDataState> DataStates { get; private set; } =
        new Dictionary<string, ContractMonitor.Contracts.SignOff.PeriodDataState>();

    /// <summary>Measures retired by the date shown: listed, not rated (issue 20).</summary>
    public IReadOnlyList<Measure> Retired => [.. Measures.Values.Where(m => Standing.Measures.All(s => s.Code != m.Code) && m.RetiredFrom is not null)];

    public ContractStanding Standing { get; private set; } = null!;

    /// <summary>The contract's rules in force today, and the change from a period that put them in force (none: as it started).</summary>
    public (Core.Contracts.PolicyVersion Rules, Core.Contracts.PolicyChange? Change) RulesToday =>
        (Contract.Policies.At(Today), Core.Contracts.PolicyChange.InForce(Contract.PolicyChanges, Today));

    public StandingCounts Counts { get; private set; } = null!;

    public IReadOnlyDictionary<string, Measure> Measures { get; private set; } = new Dictionary<string, Measure>();

    /// <summary>The rating the table is filtered to, if any.</summary>
    public Rating? Only { get; private set; }

    [BindProperty(SupportsGet = true, Name = "rating")]
    public string? RatingFilter { get; set; }

    public IEnumerable<MeasureStanding> Rows => Standing.Measures.Where(m => Only is null || m.Figure.Rating == Only);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (!await FindContractAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var asOf = ReadAsOf();
        if (QueryValues.TryReadName<Rating>(RatingFilter, default, out var rating) && !string.IsNullOrWhiteSpace(RatingFilter))
        {
            Only = rating;
        }

        Standing = await status.StatusAsync(Contract, asOf, null, cancellationToken);
        Counts = StatusReader.Summarize(Standing);
        Measures = (await measures.ListAsync(Contract.Id, cancellationToken)).ToDictionary(m => m.Code);
        Holds = await Features.Exceptions.ExceptionHolds.ReadAsync(exceptions, Contract.Id, null, Today, cancellationToken);
        DataStates = await signOffs.StatesAsync(Contract.Id, Standing.Measures.Select(m => m.Period).OfType<string>().ToList(), null, cancellationToken);
        return Page();
    }
}
