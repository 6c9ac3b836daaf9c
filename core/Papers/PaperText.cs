using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Text;

namespace ContractMonitor.Core.Papers;

/// <summary>The paper's sentences, in the panel's words. Pure, so the page, the Word document and the tests agree.</summary>
internal static class PaperText
{
    /// <summary>"Q1 2016-17 (April to June 2016)", "2016-17 (April 2016 to March 2017)", "July 2016".</summary>
    public static string PeriodName(Period period) => period.Frequency switch
    {
        Frequency.Monthly => period.Start.ToString("MMMM yyyy", Words.English),
        Frequency.Quarterly => $"Q{period.QuarterNumber} {period.FinancialYear} ({period.Start.ToString("MMMM", Words.English)} to {period.End.ToString("MMMM yyyy", Words.English)})",
        _ => $"{period} ({period.Start.ToString("MMMM yyyy", Words.English)} to {period.End.ToString("MMMM yyyy", Words.English)})",
    };

    /// <summary>"7 of the 17 measures were on target, 3 within tolerance and 7 failing." and what else the panel must hear.</summary>
    public static string Summary(PaperCounts c)
    {
        if (c.Total == 0)
        {
            return "The contract had no measures.";
        }

        var parts = new List<string>
        {
            $"{c.OnTarget} of the {c.Total} {(c.Total == 1 ? "measure was" : "measures were")} on target",
            $"{c.WithinTolerance} within tolerance",
            $"{c.Failing} failing",
        };
        if (c.Missing > 0)
        {
            parts.Add($"{c.Missing} missing");
        }

        if (c.NotYetRated > 0)
        {
            parts.Add($"{c.NotYetRated} not yet rated");
        }

        if (c.NotCollected > 0)
        {
            parts.Add($"{c.NotCollected} not collected");
        }

        var sentence = string.Join(", ", parts[..^1]) + " and " + parts[^1] + ".";
        if (c.InSustainedDecline > 0)
        {
            sentence += $" {c.InSustainedDecline} {(c.InSustainedDecline == 1 ? "was" : "were")} in sustained decline.";
        }

        return sentence + (c.OpenEscalations switch
        {
            0 => " No escalation was open.",
            1 => " 1 escalation was open.",
            var n => $" {n} escalations were open.",
        });
    }

    /// <summary>An escalation's events in one line: "Raised in 2016-05 at level 1 (Contract manager); escalated in 2016-06 to level 2 (Director)."</summary>
    public static string Story(Escalation escalation)
    {
        var steps = escalation.Events.Select(e => e.Type switch
        {
            EscalationEventType.Raised => $"raised in {e.Period} at level {e.Level} ({e.LevelName})",
            EscalationEventType.Escalated => $"escalated in {e.Period} to level {e.Level} ({e.LevelName})",
            EscalationEventType.Recovering => $"recovering from {e.Period}",
            EscalationEventType.Reopened => $"reopened in {e.Period} at level {e.Level}",
            EscalationEventType.Resolved => $"resolved in {e.Period}",
            _ => $"acknowledged by {e.Actor} on {Words.Date(UkCalendar.DateOf(e.OccurredAt))}",
        }).ToList();
        var line = $"{Words.Reason(escalation.Reason)}: {string.Join("; ", steps)}.";
        return line;
    }

    /// <summary>"Q1 2016-17 (April to June 2016): 42.0%, failing (indicative). June is missing."</summary>
    public static string Figure(PaperFigure figure) =>
        $"{figure.PeriodName}: {figure.Text}, {Words.RatingOf(figure.Rating)}{(figure.Indicative ? " (indicative)" : "")}{(figure.Note is { } note ? ". " + note : "")}";

    /// <summary>A measure's open escalations in a table cell: "level 2 Director (Open)", or "none".</summary>
    public static string Escalations(IReadOnlyList<PaperEscalation> escalations) =>
        escalations.Count == 0 ? "none" : string.Join("; ", escalations.Select(e => $"level {e.Level} {e.LevelName} ({e.Status})"));

    /// <summary>Both SPC icons in words (issue 19): "common cause: no sign of real change; will hit and miss the target by chance".</summary>
    /// <summary>"Agreed exception from 2026-06 until 30 September 2026: reason": its escalations are held meanwhile (issue 20).</summary>
    public static string AgreedException(string holdsFrom, DateOnly until, string reason) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Agreed exception from {holdsFrom} until {until:d MMMM yyyy}, its escalations held meanwhile: {reason}");

    public static string Spc(PaperMeasure m) => $"{Words.VariationOf(m.Variation)}; {Words.AssuranceOf(m.Assurance)}";
}
