using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Features.Evaluations;
using ContractMonitor.Api.Features.Measures;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Spc;
using ContractMonitor.Core.Text;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Spc;

/// <summary>
/// Signal or noise (issue 19): a measure's XmR chart as NHS "Making Data Count" draws it, and the
/// periods from which the council knows its process changed, so that the limits start again there.
/// </summary>
internal static class SpcEndpoints
{
    internal static readonly Role[] MayRecalculate = [Role.Commissioner, Role.Admin];

    /// <summary>How many recalculation periods a measure may have: one a year of a long contract is plenty.</summary>
    private const int MaxRecalculations = 50;

    public static IEndpointRouteBuilder MapSpc(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapContractGroup("/api/contracts/{contractId}/measures/{code}/spc", "Statistical process control");
        group.MapGet("/", ChartAsync).WithName("GetMeasureSpc").ProducesValidationProblem();
        group.MapPut("/recalculations", RecalculateAsync).WithName("PutMeasureSpcRecalculations").AllowRoles(MayRecalculate)
            .WithValidation<SpcRecalculationsRequest>().ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>
    /// The chart over <c>from</c> to <c>to</c>, as known at <c>knownAt</c>. <c>baseline</c> (12 or
    /// more) fixes each segment's limits on its first points; <c>recalculateAt</c> (periods, comma
    /// separated) replaces the recorded recalculation periods for this answer.
    /// </summary>
    public static async Task<Results<Ok<SpcResponse>, ValidationProblem, ProblemHttpResult>> ChartAsync(
        ContractAccess access, string code, string? from, string? to, string? baseline, string? recalculateAt, string? knownAt,
        MeasureStore measures, StatusReader reader, SpcRecalculationStore recalculations, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await measures.FindAsync(access.Id, code, cancellationToken) is not { } measure)
        {
            return MeasuresEndpoints.MeasureNotFound(code);
        }

        var errors = new Dictionary<string, string[]>();
        var first = EvaluationsEndpoints.ReadPeriod("from", from, measure, errors);
        var last = EvaluationsEndpoints.ReadPeriod("to", to, measure, errors);
        if (first is { } f && last is { } l && l.End < f.Start)
        {
            errors["to"] = [$"must not end before from ({f}) starts; {l} ends on {l.End:yyyy-MM-dd}."];
        }

        var dates = QueryValues.ReadDates(null, knownAt, clock, errors);
        int? fixedOn = null;
        if (!string.IsNullOrWhiteSpace(baseline))
        {
            if (int.TryParse(baseline.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
                && n >= XmrChart.MinimumPoints)
            {
                fixedOn = n;
            }
            else
            {
                errors["baseline"] = [$"'{TextRules.Shorten(baseline.Trim())}' is not a baseline: give a whole number of points, {XmrChart.MinimumPoints} or more."];
            }
        }

        var asked = recalculateAt is null ? null : ReadPeriods(recalculateAt, measure, errors);
        if (errors.Count > 0)
        {
            return InvalidRequest.Of(errors);
        }

        var recorded = (await recalculations.ListAsync(access.Id, dates.KnownAt, cancellationToken))[measure.Id].ToList();
        var history = await reader.HistoryAsync(access.Contract, measure, first?.Start, last?.End, UkCalendar.Today(clock), dates.KnownAt,
            cancellationToken);
        var chart = SpcSeries.Chart(measure, history, fixedOn, asked ?? SpcSeries.At(measure.Frequency, recorded));
        return TypedResults.Ok(new SpcResponse(measure.Code, measure.Polarity, [.. chart.Points.Select(Rounded)], chart.Variation,
            chart.Assurance, chart.InsufficientData, [.. chart.Segments.Select(Rounded)], chart.Target, recorded));
    }

    /// <summary>Records the periods from which the measure's limits start again, replacing those recorded before.</summary>
    public static async Task<Results<Ok<IReadOnlyList<SpcRecalculation>>, ValidationProblem, ProblemHttpResult>> RecalculateAsync(
        ContractAccess access, string code, SpcRecalculationsRequest request, MeasureStore measures, SpcRecalculationStore recalculations,
        CancellationToken cancellationToken)
    {
        if (await measures.FindAsync(access.Id, code, cancellationToken) is not { } measure)
        {
            return MeasuresEndpoints.MeasureNotFound(code);
        }

        var errors = new Dictionary<string, string[]>();
        var checkedItems = Check(access.Contract, measure, request.Recalculations!, errors);
        if (errors.Count > 0)
        {
            return InvalidRequest.Of(errors);
        }

        return TypedResults.Ok(await recalculations.ReplaceAsync(access.Contract, measure, access.Caller, checkedItems, cancellationToken));
    }

    /// <summary>The recalculations with their periods read for the measure; each wrong one named in <paramref name="errors"/>.</summary>
    internal static List<SpcRecalculation> Check(
        Contract contract, Measure measure, IReadOnlyList<SpcRecalculation?> items, Dictionary<string, string[]> errors)
    {
        var seen = new HashSet<Period>();
        var checkedItems = new List<SpcRecalculation>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]!;
            if (!Period.TryParse(item.Period?.Trim(), measure.Frequency, out var period, out var problem))
            {
                errors[$"recalculations[{i}].period"] = [problem];
            }
            else if (!seen.Add(period))
            {
                errors[$"recalculations[{i}].period"] = [$"{period} is listed twice."];
            }
            else if (!period.Overlaps(contract.StartDate, contract.EndDate))
            {
                errors[$"recalculations[{i}].period"] = [$"{period} is outside the contract's term."];
            }
            else
            {
                checkedItems.Add(new SpcRecalculation(period.ToString(), item.Reason!.Trim()));
            }
        }

        return checkedItems;
    }

    private static List<Period>? ReadPeriods(string text, Measure measure, Dictionary<string, string[]> errors)
    {
        var periods = new List<Period>();
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length > MaxRecalculations)
        {
            errors["recalculateAt"] = [$"lists {parts.Length} periods; at most {MaxRecalculations}."];
            return null;
        }

        foreach (var part in parts)
        {
            if (!Period.TryParse(part, measure.Frequency, out var period, out var problem))
            {
                errors["recalculateAt"] = [problem];
                return null;
            }

            periods.Add(period);
        }

        return periods;
    }

    private static SpcPoint Rounded(SpcPoint p) => p with { Mean = Round(p.Mean), LowerLimit = Round(p.LowerLimit), UpperLimit = Round(p.UpperLimit) };

    private static SpcSegment Rounded(SpcSegment s) => s with { Mean = Round(s.Mean), LowerLimit = Round(s.LowerLimit), UpperLimit = Round(s.UpperLimit) };

    /// <summary>Limits to four places: finer than any measure's figures, and what the reference tests compare.</summary>
    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 4, MidpointRounding.AwayFromZero) : null;

    internal const int MaxItems = MaxRecalculations;
}

internal sealed class SpcRecalculationsValidator : ApiValidator<SpcRecalculationsRequest>
{
    /// <summary>The column's length (M0009): a longer reason would be refused by SQL Server as truncated.</summary>
    internal const int MaxReason = 2000;

    public SpcRecalculationsValidator()
    {
        RuleFor(r => r.Recalculations).NotNull()
            .WithMessage("'recalculations' is required: the periods from which the limits start again, each with a reason ([] for none).");
        RuleFor(r => r.Recalculations!.Count).LessThanOrEqualTo(SpcEndpoints.MaxItems).When(r => r.Recalculations is not null)
            .OverridePropertyName("recalculations").WithMessage($"'recalculations' may list at most {SpcEndpoints.MaxItems} periods.");
        RuleForEach(r => r.Recalculations).NotNull().WithMessage("each recalculation needs a period and a reason.")
            .ChildRules(item =>
            {
                item.RuleFor(i => i!.Period).Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("'period' is required: the first period of the changed process.");
                item.RuleFor(i => i!.Reason).RequiredNote(MaxReason, "'reason' is required: say what changed, for example a new recording system.");
            });
    }
}
