using System.Globalization;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Spc;
using ContractMonitor.Core.Text;

namespace ContractMonitor.Api.Pages;

/// <summary>Figures and states in the councils' own words, the same on every page.</summary>
internal static class PageText
{
    private static readonly CultureInfo English = Words.English;

    public static string Date(DateOnly date) => Words.Date(date);

    /// <summary>A figure with its unit, to the measure's decimal places: "82.5%", "12 days".</summary>
    public static string Value(decimal? value, MeasureUnit unit, int decimals) => Words.Value(value, unit, decimals);

    public static string RatingText(Rating rating) => Words.RatingOf(rating);

    /// <summary>Where a period's figures stand between the trust and the council (issue 20), in words.</summary>
    public static string DataState(ContractMonitor.Contracts.SignOff.PeriodDataState state) => state switch
    {
        ContractMonitor.Contracts.SignOff.PeriodDataState.SignedOff => "Signed off by the trust",
        ContractMonitor.Contracts.SignOff.PeriodDataState.Queried => "Queried by the council",
        ContractMonitor.Contracts.SignOff.PeriodDataState.Accepted => "Accepted and locked",
        _ => "Draft",
    };

    /// <summary>The GOV.UK tag colour for a rating; the words say it too, so colour is never alone.</summary>
    public static string RatingTag(Rating rating) => rating switch
    {
        Rating.OnTarget => "govuk-tag--green",
        Rating.WithinTolerance => "govuk-tag--yellow",
        Rating.Failing => "govuk-tag--red",
        Rating.Missing => "govuk-tag--orange",
        _ => "govuk-tag--grey",
    };

    public static string DirectionText(Direction? direction) => Words.DirectionOf(direction);

    public static string Reason(EscalationReason reason) => Words.Reason(reason);

    public static string EscalationTag(EscalationStatus status) => status switch
    {
        EscalationStatus.Open => "govuk-tag--red",
        EscalationStatus.Recovering => "govuk-tag--yellow",
        _ => "govuk-tag--grey",
    };

    public static string Event(EscalationEventType type) => type switch
    {
        EscalationEventType.Raised => "Raised",
        EscalationEventType.Escalated => "Escalated",
        EscalationEventType.Recovering => "Recovering",
        EscalationEventType.Reopened => "Reopened",
        EscalationEventType.Resolved => "Resolved",
        _ => "Acknowledged",
    };

    public static string Time(DateTimeOffset at) => Words.Time(at);

    /// <summary>
    /// An API message as a page says it: "'text' is required: say what…" becomes "Say what…", since
    /// the page puts the message beside its field; any other message is kept, without its full stop.
    /// </summary>
    public static string Sentence(string message)
    {
        const string Required = "' is required: ";
        var at = message.IndexOf(Required, StringComparison.Ordinal);
        var text = message.StartsWith('\'') && at > 0 ? message[(at + Required.Length)..] : message;
        return Capitalised(text.TrimEnd('.'));
    }

    /// <summary>The form field a validator's property is: its JSON name, whichever name the validator reports.</summary>
    public static string FieldOf(string propertyName) =>
        propertyName.Length == 0 ? propertyName : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];

    public static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    public static string Variation(Variation? variation) => Words.VariationOf(variation);

    public static string Assurance(Assurance? assurance) => Words.AssuranceOf(assurance);

    /// <summary>A point on the SPC chart in words: "common cause", "concern (shift)".</summary>
    public static string PointType(SpcPoint point) => point.PointType switch
    {
        null => "no limits yet",
        ContractMonitor.Contracts.Spc.PointType.CommonCause => "common cause",
        var type => $"{type.ToString()!.ToLowerInvariant()} ({RuleOf(point.Rule)})",
    };

    private static string RuleOf(SpecialCauseRule? rule) => rule switch
    {
        SpecialCauseRule.OutsideLimits => "outside the limits",
        SpecialCauseRule.Trend => "a trend of seven",
        SpecialCauseRule.TwoOfThree => "two of three near a limit",
        _ => "a shift of seven on one side",
    };
}
