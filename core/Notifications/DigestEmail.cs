using System.Globalization;
using System.Net;
using System.Text;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Core.Notifications;

/// <summary>An open escalation as the digest lists it.</summary>
internal sealed record DigestEscalation(string MeasureCode, EscalationReason Reason, int Level, string LevelName, EscalationStatus Status);

/// <summary>Everything the monthly digest says about one contract.</summary>
/// <param name="SentOn">The day it is written, which names the month.</param>
/// <param name="AsOf">The date the figures are read at: the latest periods whose returns were due by <paramref name="SentOn"/>.</param>
internal sealed record DigestEmailModel(
    long ContractId,
    string ContractReference,
    string ContractTitle,
    DateOnly SentOn,
    DateOnly AsOf,
    StandingCounts Summary,
    IReadOnlyList<MeasureStanding> Failing,
    IReadOnlyList<DigestEscalation> SustainedDeclines,
    IReadOnlyList<DigestEscalation> OpenEscalations);

/// <summary>The monthly digest for the panel's chair and vice-chair (issue 6), plain text and HTML.</summary>
internal static class DigestEmail
{
    public static EmailContent Render(DigestEmailModel model, Uri baseUrl)
    {
        var month = model.SentOn.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        var subject = EmailText.OneLine($"{model.ContractReference}: monthly digest, {month}");
        var link = new Uri(baseUrl, string.Create(CultureInfo.InvariantCulture, $"api/contracts/{model.ContractId}/split-screen?asOf={model.AsOf:yyyy-MM-dd}"));
        var s = model.Summary;
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{s.Total} measures: {s.OnTarget} on target, {s.WithinTolerance} within tolerance, {s.Failing} failing, {s.Missing} missing, {s.Pending} pending; {s.Improving} improving, {s.Declining} declining; {s.OpenEscalations} open escalations.");

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Contract: {model.ContractReference} {model.ContractTitle}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Latest periods due, as at {model.AsOf:yyyy-MM-dd}: {counts}");
        Section(text, "Failing measures", model.Failing.Select(Failing));
        Section(text, "Sustained declines", model.SustainedDeclines.Select(Escalation));
        Section(text, "Open escalations", model.OpenEscalations.Select(Escalation));
        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Split screen: {link}");

        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<html><body><h2>{H(model.ContractReference)}: monthly digest, {H(month)}</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Contract: {H(model.ContractReference)} {H(model.ContractTitle)}</p>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Latest periods due, as at {model.AsOf:yyyy-MM-dd}: {H(counts)}</p>");
        HtmlSection(html, "Failing measures", model.Failing.Select(Failing));
        HtmlSection(html, "Sustained declines", model.SustainedDeclines.Select(Escalation));
        HtmlSection(html, "Open escalations", model.OpenEscalations.Select(Escalation));
        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{H(link.ToString())}\">Split screen</a></p></body></html>");
        return new EmailContent(subject, text.ToString(), html.ToString());
    }

    private static string Failing(MeasureStanding m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Code} {m.Title}, {m.Period}: {EmailText.Number(m.Value)} against target {EmailText.Number(m.Target)}, tolerance {EmailText.Number(m.Tolerance)}");

    private static string Escalation(DigestEscalation e) => string.Create(CultureInfo.InvariantCulture,
        $"{e.MeasureCode} {e.Reason}, level {e.Level} ({e.LevelName}), {e.Status}");

    private static void Section(StringBuilder text, string title, IEnumerable<string> lines)
    {
        var all = lines.ToList();
        text.AppendLine().AppendLine(all.Count == 0 ? $"{title}: none." : $"{title}:");
        foreach (var line in all)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {line}");
        }
    }

    private static void HtmlSection(StringBuilder html, string title, IEnumerable<string> lines)
    {
        var all = lines.ToList();
        if (all.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{H(title)}: none.</p>");
            return;
        }

        html.Append(CultureInfo.InvariantCulture, $"<p>{H(title)}:</p><ul>");
        foreach (var line in all)
        {
            html.Append(CultureInfo.InvariantCulture, $"<li>{H(line)}</li>");
        }

        html.Append("</ul>");
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
