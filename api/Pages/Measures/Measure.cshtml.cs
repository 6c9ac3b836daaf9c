using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Claims;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Spc;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using Microsoft.AspNetCore.Mvc;

namespace ContractMonitor.Api.Pages.Measures;

/// <summary>
/// One measure (issue 17): its recent history as a chart and a table, the revisions of its latest
/// figure with who sent them and when, and both voices about it.
/// </summary>
internal sealed class MeasureModel(
    ContractStore contracts, MeasureStore measures, StatusReader status, ReturnStore returns, ClaimStore claims, ChallengeStore challenges,
    SpcRecalculationStore recalculations, TimeProvider clock) : ContractPageModel(contracts, clock)
{
    /// <summary>Two years of a monthly measure: enough to see a trend, few enough to read; <c>?all=true</c> shows every one.</summary>
    public const int Shown = 24;

    public const int ClaimsShown = 10;

    [BindProperty(SupportsGet = true, Name = "all")]
    public bool All { get; set; }

    public int TotalPeriods { get; private set; }

    public int TotalClaims { get; private set; }

    /// <summary>The measure's XmR chart over every period (issue 19), with the recalculations recorded for it.</summary>
    public XmrChartResult Spc { get; private set; } = null!;

    public IReadOnlyList<SpcRecalculation> Recalculations { get; private set; } = [];

    public Measure Measure { get; private set; } = null!;

    public IReadOnlyList<PeriodStanding> History { get; private set; } = [];

    public ReturnRevisions? Latest { get; private set; }

    public IReadOnlyList<ProviderClaim> Claims { get; private set; } = [];

    public IReadOnlyList<Challenge> Challenges { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, string code, CancellationToken cancellationToken)
    {
        if (!await FindContractAsync(id, cancellationToken) || await measures.FindAsync(id, code, cancellationToken) is not { } measure)
        {
            return NotFound();
        }

        Measure = measure;
        var history = await status.HistoryAsync(Contract, measure, null, null, Today, null, cancellationToken);
        TotalPeriods = history.Periods.Count;
        Recalculations = (await recalculations.ListAsync(Contract.Id, null, cancellationToken))[measure.Id].ToList();
        Spc = SpcSeries.Chart(measure.Polarity, history.Periods.Select(p => SpcFigure.Of(Period.Parse(p.Period, measure.Frequency), p.Figure)), null,
            SpcSeries.At(measure.Frequency, Recalculations));
        History = All ? history.Periods : history.Periods.TakeLast(Shown).ToList();
        if (History.LastOrDefault(p => p.Figure.Value is not null) is { } latest)
        {
            Latest = await returns.HistoryAsync(Contract, measure, Period.Parse(latest.Period, measure.Frequency), cancellationToken);
        }

        var allClaims = await claims.ListAsync(Contract.Id, measure, null, cancellationToken);
        TotalClaims = allClaims.Count;
        Claims = allClaims.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Period, StringComparer.Ordinal).Take(All ? int.MaxValue : ClaimsShown).ToList();
        Challenges = (await challenges.ListAsync(Contract.Id, measure, null, ChallengeFilter.All, cancellationToken)).OrderByDescending(c => c.Id).ToList();
        return Page();
    }
}
