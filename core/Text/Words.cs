using System.Globalization;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Measures;
using Assurance = ContractMonitor.Contracts.Spc.Assurance;
using Direction = ContractMonitor.Contracts.Evaluations.Direction;
using Rating = ContractMonitor.Contracts.Evaluations.Rating;
using Variation = ContractMonitor.Contracts.Spc.Variation;

namespace ContractMonitor.Core.Text;

/// <summary>Figures and states in the councils' own words: the same on every page and in every paper.</summary>
internal static class Words
{
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", English);

    /// <summary>An instant as English time: "3 July 2016 at 09:30".</summary>
    public static string Time(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Periods.UkCalendar.TimeZone).ToString("d MMMM yyyy 'at' HH:mm", English);

    /// <summary>A figure with its unit, to the measure's decimal places: "82.5%", "12 days".</summary>
    public static string Value(decimal? value, MeasureUnit unit, int decimals)
    {
        if (value is not { } v)
        {
            return "–";
        }

        var number = Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), English);
        return unit switch
        {
            MeasureUnit.Percent => number + "%",
            MeasureUnit.Days => number + (v == 1 ? " day" : " days"),
            _ => number,
        };
    }

    public static string RatingOf(Rating rating) => rating switch
    {
        Rating.OnTarget => "on target",
        Rating.WithinTolerance => "within tolerance",
        Rating.Failing => "failing",
        Rating.Missing => "missing",
        Rating.NotCollected => "not collected",
        _ => "pending",
    };

    public static string DirectionOf(Direction? direction) => direction switch
    {
        Direction.Improving => "improving",
        Direction.Declining => "declining",
        Direction.Unchanged => "unchanged",
        _ => "no earlier figure",
    };

    public static string Reason(EscalationReason reason) => reason switch
    {
        EscalationReason.SustainedFailure => "Sustained failure",
        EscalationReason.MissingReturns => "Missing returns",
        EscalationReason.SpecialCauseConcern => "Special cause concern",
        _ => "Sustained decline",
    };

    /// <summary>The variation icon in words (issue 19): is the latest figure noise, or a change for the better or worse.</summary>
    public static string VariationOf(Variation? variation) => variation switch
    {
        Variation.CommonCause => "common cause: no sign of real change",
        Variation.ImprovementHigh => "special cause: improvement, higher",
        Variation.ImprovementLow => "special cause: improvement, lower",
        Variation.ConcernHigh => "special cause: concern, higher",
        Variation.ConcernLow => "special cause: concern, lower",
        _ => "too few figures to tell",
    };

    /// <summary>The assurance icon in words: will the process as it runs meet its target.</summary>
    public static string AssuranceOf(Assurance? assurance) => assurance switch
    {
        Assurance.ConsistentlyPass => "will consistently meet the target",
        Assurance.ConsistentlyFail => "will consistently miss the target unless something changes",
        Assurance.HitAndMiss => "will hit and miss the target by chance",
        _ => "no assurance: no target, or too few figures",
    };
}
