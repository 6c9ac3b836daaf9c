using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Claims;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Api.Features.Spc;
using ContractMonitor.Api.Pages.Shared;
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
    SpcRecalculationStore recalculations, MeasureLifeStore life, Core.Exceptions.ExceptionStore exceptions, TimeProvider clock)
    : ContractPageModel(contracts, clock)
{
    /// <summary>The agreed exceptions on the measure, newest first (issue 20).</summary>
    public IReadOnlyList<Core.Exceptions.AgreedException> Exceptions { get; private set; } = [];

    /// <summary>Those holding today: shown above the measure's definition.</summary>
    public IEnumerable<Core.Exceptions.AgreedException> Holding => Exceptions.Where(x => x.HoldsOn(Today));

    /// <summary>Every version of the definition, oldest first (issue 20).</summary>
    public IReadOnlyList<DefinitionVersion> Definitions { get; private set; } = [];

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

    public Dictionary<string, string> Errors { get; } = [];

    [BindProperty(Name = "recalcPeriod")]
    public string? RecalcPeriod { get; set; }

    [BindProperty(Name = "recalcReason")]
    public string? RecalcReason { get; set; }

    public bool CanRecalculate => SpcEndpoints.MayRecalculate.Contains(PageCaller.Of(User).Role);

    public TextField RecalcPeriodField => new("recalcPeriod", "From which period", RecalcPeriod,
        $"The first {Measure.Frequency.ToString().ToLowerInvariant()} period of the changed process, for example {Measure.StartPeriod}.", Errors,
        "govuk-input--width-10");

    public TextField RecalcReasonField => new("recalcReason", "What changed", RecalcReason,
        "For example, a new recording system. The panel reads it beside the chart.", Errors);

    public async Task<IActionResult> OnGetAsync(long id, string code, CancellationToken cancellationToken) =>
        await LoadAsync(id, code, cancellationToken) ? Page() : NotFound();

    /// <summary>Records a period from which the limits start again, with its reason, beside those recorded before.</summary>
    public async Task<IActionResult> OnPostRecalculateAsync(long id, string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, code, cancellationToken))
        {
            return NotFound();
        }

        if (!CanRecalculate)
        {
            return Forbid();
        }

        if (string.IsNullOrWhiteSpace(RecalcPeriod))
        {
            Errors["recalcPeriod"] = "Enter the first period of the changed process";
        }

        if (string.IsNullOrWhiteSpace(RecalcReason))
        {
            Errors["recalcReason"] = "Say what changed";
        }
        else if (RecalcReason.Trim().Length > SpcRecalculationsValidator.MaxReason)
        {
            Errors["recalcReason"] = $"Say it in {SpcRecalculationsValidator.MaxReason} characters or fewer";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        // A period already recorded takes the new reason; any other is added to the set.
        var asked = Period.TryParse(RecalcPeriod!.Trim(), Measure.Frequency, out var period, out _) ? period.ToString() : RecalcPeriod!.Trim();
        var wanted = Recalculations.Where(r => r.Period != asked).Append(new SpcRecalculation(asked, RecalcReason!.Trim())).ToList();
        return await ReplaceAsync(wanted, "recalcPeriod", $"Limits now start again from {RecalcPeriod!.Trim()}.", cancellationToken);
    }

    /// <summary>Forgets one recorded recalculation period.</summary>
    public async Task<IActionResult> OnPostRemoveRecalculationAsync(long id, string code, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, code, cancellationToken))
        {
            return NotFound();
        }

        if (!CanRecalculate)
        {
            return Forbid();
        }

        if (Recalculations.All(r => r.Period != RecalcPeriod?.Trim()))
        {
            Errors["recalcPeriod"] = "Choose a recorded period to remove";
            return Page();
        }

        return await ReplaceAsync([.. Recalculations.Where(r => r.Period != RecalcPeriod!.Trim())], "recalcPeriod",
            $"Limits no longer start again from {RecalcPeriod!.Trim()}.", cancellationToken);
    }

    private async Task<IActionResult> ReplaceAsync(List<SpcRecalculation> wanted, string field, string done, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var checkedItems = SpcEndpoints.Check(Contract, Measure, wanted, errors);
        if (errors.Count > 0)
        {
            Errors[field] = PageText.Sentence(errors.Values.First()[0]);
            return Page();
        }

        await recalculations.ReplaceAsync(Contract, Measure, PageCaller.Of(User), checkedItems, cancellationToken);
        TempData[Success.Key] = done;
        return LocalRedirect($"~/contracts/{Contract.Id}/measures/{Uri.EscapeDataString(Measure.Code)}#spc");
    }

    private async Task<bool> LoadAsync(long id, string code, CancellationToken cancellationToken)
    {
        if (!await FindContractAsync(id, cancellationToken) || await measures.FindAsync(id, code, cancellationToken) is not { } measure)
        {
            return false;
        }

        Measure = measure;
        Definitions = await life.DefinitionsAsync(measure, cancellationToken);
        Exceptions = [.. (await exceptions.ListAsync(Contract.Id, cancellationToken)).Where(x => x.MeasureId == measure.Id).Reverse()];
        var history = await status.HistoryAsync(Contract, measure, null, null, Today, null, cancellationToken);
        TotalPeriods = history.Periods.Count;
        Recalculations = (await recalculations.ListAsync(Contract.Id, null, cancellationToken))[measure.Id].ToList();
        Spc = SpcSeries.Chart(measure, history, null, SpcSeries.At(measure.Frequency, Recalculations));
        History = All ? history.Periods : history.Periods.TakeLast(Shown).ToList();
        if (History.LastOrDefault(p => p.Figure.Value is not null) is { } latest)
        {
            Latest = await returns.HistoryAsync(Contract, measure, Period.Parse(latest.Period, measure.Frequency), cancellationToken);
        }

        var allClaims = await claims.ListAsync(Contract.Id, measure, null, cancellationToken);
        TotalClaims = allClaims.Count;
        Claims = allClaims.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Period, StringComparer.Ordinal).Take(All ? int.MaxValue : ClaimsShown).ToList();
        Challenges = (await challenges.ListAsync(Contract.Id, measure, null, ChallengeFilter.All, cancellationToken)).OrderByDescending(c => c.Id).ToList();
        return true;
    }
}
