using ContractMonitor.Api.Validation;
using ContractMonitor.Core.Measures;
using PeriodValue = ContractMonitor.Core.Periods.Period;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Measures;

/// <summary>
/// The <c>?measure=&amp;period=</c> of a list: an unknown measure is 404 as on its own route, a
/// period that cannot be read (or is not of the measure's frequency) is 400.
/// </summary>
internal sealed record MeasureFilter(Measure? Measure, PeriodValue? Period, ValidationProblem? Invalid, ProblemHttpResult? NotFound)
{
    public static async Task<MeasureFilter> ReadAsync(
        long contractId, string? measure, string? period, MeasureStore measures, CancellationToken cancellationToken)
    {
        Measure? only = null;
        if (!string.IsNullOrWhiteSpace(measure) && (only = await measures.FindAsync(contractId, measure, cancellationToken)) is null)
        {
            return new MeasureFilter(null, null, null, MeasuresEndpoints.MeasureNotFound(measure));
        }

        if (string.IsNullOrWhiteSpace(period))
        {
            return new MeasureFilter(only, null, null, null);
        }

        var text = period.Trim();
        if (only is not null)
        {
            return PeriodValue.TryParse(text, only.Frequency, out var ofMeasure, out var error)
                ? new MeasureFilter(only, ofMeasure, null, null)
                : new MeasureFilter(null, null, InvalidRequest.Of("period", error), null);
        }

        return PeriodValue.TryParse(text, out var any)
            ? new MeasureFilter(null, any, null, null)
            : new MeasureFilter(null, null, InvalidRequest.Of("period", $"is not a period. Use {PeriodValue.AcceptedForms}."), null);
    }
}
