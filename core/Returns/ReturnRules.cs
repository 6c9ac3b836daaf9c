using System.Globalization;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Text;

namespace ContractMonitor.Core.Returns;

/// <summary>
/// The rules a submitted figure must pass (DESIGN §3.1, §3.6), checked for every row so one answer
/// names every problem. Errors are keyed <c>{row}.{field}</c>, where the caller says how a row is
/// named: <c>returns[3]</c> for JSON, <c>lines[5]</c> for a CSV line.
/// </summary>
internal static class ReturnRules
{
    private const int StoredDecimals = 6;

    /// <summary>
    /// True when a checked row says exactly what the revision that counts says: the same value,
    /// numerator, denominator and commentary (61.5 and 61.50 are the same figure). Sending it again is
    /// not a revision, so re-uploading an exported file changes nothing.
    /// </summary>
    /// <summary>
    /// A revision is late when it arrived after its period's due date (DESIGN §3.1). Judged whenever
    /// it is read, against the due date the contract's rules give now (issue 20: returnDueDays can
    /// change from a period), rather than trusting the flag stored when it arrived.
    /// </summary>
    public static bool IsLate(DateTimeOffset submittedAt, DateOnly dueDate) => Periods.UkCalendar.DateOf(submittedAt) > dueDate;

    public static bool Repeats(CheckedReturn row, ReturnFigure current) =>
        row.Value == current.Value && row.Numerator == current.Numerator && row.Denominator == current.Denominator
        && string.Equals(row.Commentary, current.Commentary, StringComparison.Ordinal);

    public static ReturnCheck Check(
        IReadOnlyList<ReturnRowRequest?> rows,
        Contract contract,
        IReadOnlyDictionary<string, Measure> measuresByCode,
        DateOnly today,
        Func<int, string> rowName)
    {
        var errors = new Dictionary<string, List<string>>();
        var accepted = new List<CheckedReturn>(rows.Count);
        var firstRowOf = new Dictionary<(long MeasureId, Period Period), int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var name = rowName(i);
            void Fail(string field, string message)
            {
                var key = field.Length == 0 ? name : $"{name}.{field}";
                if (!errors.TryGetValue(key, out var list))
                {
                    errors[key] = list = [];
                }

                list.Add(message);
            }

            if (rows[i] is not { } row)
            {
                Fail("", "must be a return with measureCode, period and value.");
                continue;
            }

            var measure = MeasurePeriodRules.CheckMeasure(row.MeasureCode, measuresByCode, Fail);
            var period = MeasurePeriodRules.CheckPeriod(row.Period, measure, contract, today, Fail);
            var value = CheckValue(row, measure, Fail);
            var commentary = CheckCommentary(row.Commentary, Fail);
            if (measure is null || period is null || value is null || commentary is { Valid: false })
            {
                continue;
            }

            if (firstRowOf.TryGetValue((measure.Id, period.Value), out var first))
            {
                Fail("period", $"{measure.Code} for {period} is already in {rowName(first)}; send one figure per measure and period.");
                continue;
            }

            firstRowOf[(measure.Id, period.Value)] = i;
            accepted.Add(new CheckedReturn(measure, period.Value, value.Value, row.Numerator, row.Denominator, commentary.Text));
        }

        return errors.Count == 0
            ? new ReturnCheck(accepted, new Dictionary<string, string[]>())
            : new ReturnCheck([], errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
    }

    private static decimal? CheckValue(ReturnRowRequest row, Measure? measure, Action<string, string> fail)
    {
        var ok = true;
        if (row.Value is not { } value)
        {
            fail("value", "'value' is required.");
            ok = false;
        }
        else if (measure is not null && MeasureValueRules.Check(measure.Unit, measure.Decimals, value) is { } valueError)
        {
            fail("value", $"'value' {valueError}");
            ok = false;
        }

        if (!CheckFraction(row, measure, row.Value, valueIsValid: ok, fail))
        {
            ok = false;
        }

        return ok ? row.Value : null;
    }

    private static bool CheckFraction(ReturnRowRequest row, Measure? measure, decimal? value, bool valueIsValid, Action<string, string> fail)
    {
        switch (row.Numerator, row.Denominator)
        {
            case (null, null):
                return true;
            case (null, _):
                fail("numerator", "'numerator' is required when 'denominator' is given; send both or neither.");
                return false;
            case (_, null):
                fail("denominator", "'denominator' is required when 'numerator' is given; send both or neither.");
                return false;
        }

        var numerator = row.Numerator.Value;
        var denominator = row.Denominator.Value;
        var ok = true;
        if (denominator <= 0 || denominator > MeasureValueRules.Largest)
        {
            fail("denominator", $"'denominator' must be more than 0 and at most {MeasureValueRules.Largest:0}.");
            ok = false;
        }

        if (numerator < 0 || numerator > MeasureValueRules.Largest)
        {
            fail("numerator", $"'numerator' must be from 0 to {MeasureValueRules.Largest:0}.");
            ok = false;
        }

        // The columns hold six places; more would be rounded away without a word.
        foreach (var (field, part) in (ReadOnlySpan<(string, decimal)>)[("numerator", numerator), ("denominator", denominator)])
        {
            if (part != Math.Round(part, StoredDecimals))
            {
                fail(field, $"'{field}' must have at most {StoredDecimals} decimal places.");
                ok = false;
            }
            else if (MeasureValueRules.SignificantDigits(part) > MeasureValueRules.MaxSignificantDigits)
            {
                fail(field, $"'{field}' must have at most {MeasureValueRules.MaxSignificantDigits} significant digits.");
                ok = false;
            }
        }

        if (!ok || measure is not { Unit: MeasureUnit.Percent })
        {
            return ok;
        }

        if (numerator > denominator)
        {
            fail("numerator", "'numerator' must not be more than 'denominator' for a percentage.");
            return false;
        }

        var decimals = measure.Decimals;
        var expected = Math.Round(numerator * 100m / denominator, decimals, MidpointRounding.AwayFromZero);
        if (valueIsValid && expected != value)
        {
            var places = decimals switch { 0 => "the nearest whole number", 1 => "1 decimal place", _ => $"{decimals} decimal places" };
            fail("value", string.Create(CultureInfo.InvariantCulture,
                $"'value' {value} does not agree with numerator and denominator: {numerator} / {denominator} is {expected}% to {places}."));
            return false;
        }

        return true;
    }

    private static (bool Valid, string? Text) CheckCommentary(string? commentary, Action<string, string> fail)
    {
        if (commentary is null)
        {
            return (true, null);
        }

        var text = commentary.Trim();
        if (text.Length > TextRules.MaxText)
        {
            fail("commentary", $"'commentary' must be at most {TextRules.MaxText} characters; it has {text.Length}.");
            return (false, null);
        }

        if (TextRules.HasControlCharacters(text, allowLineBreaks: true))
        {
            fail("commentary", "'commentary' must not contain control characters other than line breaks and tabs.");
            return (false, null);
        }

        return (true, text.Length == 0 ? null : text);
    }
}

/// <summary>The rows ready to store, or, when any row broke a rule, none and every error.</summary>
internal sealed record ReturnCheck(IReadOnlyList<CheckedReturn> Rows, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
