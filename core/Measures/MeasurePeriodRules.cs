using System.Globalization;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Text;

namespace ContractMonitor.Core.Measures;

/// <summary>
/// What a figure, a claim or a challenge is about: a measure of the contract, and a period of that
/// measure's frequency inside the term that has begun (DESIGN §3.1). Problems go to
/// <c>fail(field, message)</c> so each caller keys them its own way.
/// </summary>
internal static class MeasurePeriodRules
{
    public static Measure? CheckMeasure(string? code, IReadOnlyDictionary<string, Measure> measures, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            fail("measureCode", "'measureCode' is required.");
            return null;
        }

        if (measures.TryGetValue(MeasureStore.NormaliseCode(code), out var measure))
        {
            return measure;
        }

        fail("measureCode", $"'{TextRules.Shorten(code)}' is not a measure of this contract.");
        return null;
    }

    /// <param name="measure">Null when the measure was not found: only the period's form is checked.</param>
    public static Period? CheckPeriod(
        string? text, Measure? measure, Contract contract, DateOnly today, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            fail("period", "'period' is required.");
            return null;
        }

        text = text.Trim();
        if (!Period.TryParse(text, out _))
        {
            fail("period", $"'{TextRules.Shorten(text)}' is not a period. Use {Period.AcceptedForms}.");
            return null;
        }

        if (measure is null)
        {
            return null;
        }

        if (!Period.TryParse(text, measure.Frequency, out var period, out var error))
        {
            fail("period", error);
            return null;
        }

        if (!period.Overlaps(contract.StartDate, contract.EndDate))
        {
            fail("period", ContractTerm.Outside(period.ToString(), contract.StartDate, contract.EndDate));
            return null;
        }

        var start = measure.StartPeriod;
        if (period < start)
        {
            fail("period", $"{period} is before {measure.Code}'s startPeriod {start}: figures are expected from {start} on.");
            return null;
        }

        if (measure.RetiredFrom is { } retired && period >= retired)
        {
            fail("period", $"{measure.Code} was retired from {retired}: no figures are owed from then on.");
            return null;
        }

        if (period.Start > today)
        {
            fail("period", $"{period} is in the future: it begins on {period.Start:yyyy-MM-dd}.");
            return null;
        }

        return period;
    }

    /// <summary>Both checks for a single request, with errors keyed by field.</summary>
    /// <param name="found">The contract's measure with <paramref name="code"/>, or null when it has none.</param>
    public static MeasurePeriod? Check(
        string? code, Measure? found, string? period, Contract contract, DateOnly today, IDictionary<string, string[]> errors)
    {
        void Fail(string field, string message) => errors[field] = [.. errors.TryGetValue(field, out var m) ? m : [], message];
        var measures = found is null ? new Dictionary<string, Measure>() : new Dictionary<string, Measure> { [found.Code] = found };
        var measure = CheckMeasure(code, measures, Fail);
        var checkedPeriod = CheckPeriod(period, measure, contract, today, Fail);
        return measure is not null && checkedPeriod is { } p ? new MeasurePeriod(measure, p) : null;
    }
}

/// <summary>A measure of the contract and one of its periods, both checked.</summary>
internal sealed record MeasurePeriod(Measure Measure, Period Period);
