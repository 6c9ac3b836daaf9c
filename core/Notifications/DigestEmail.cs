using System.Globalization;
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
        var link = new Uri(baseUrl, string.Create(CultureInfo.InvariantCulture, $"contracts/{model.ContractId}/split-screen?asOf={model.AsOf:yyyy-MM-dd}"));
        var s = model.Summary;
        var counts = string.Create(CultureInfo.InvariantCulture,
            $"{s.Total} measures: {s.OnTarget} on target, {s.WithinTolerance} within tolerance, {s.Failing} failing, {s.Missing} missing, {s.Pending} pending; {s.Improving} improving, {s.Declining} declining; {s.OpenEscalations} open escalations.");

        return new EmailBody()
            .Heading($"{model.ContractReference}: monthly digest, {month}")
            .Paragraph($"Contract: {model.ContractReference} {model.ContractTitle}")
            .Paragraph(string.Create(CultureInfo.InvariantCulture, $"Latest periods due, as at {model.AsOf:yyyy-MM-dd}: {counts}"))
            .Gap().List("Failing measures", model.Failing.Select(Failing), "Failing measures: none.")
            .Gap().List("Sustained declines", model.SustainedDeclines.Select(Escalation), "Sustained declines: none.")
            .Gap().List("Open escalations", model.OpenEscalations.Select(Escalation), "Open escalations: none.")
            .Gap().Links(("Split screen", link))
            .ToContent(subject);
    }

    private static string Failing(MeasureStanding m) => string.Create(CultureInfo.InvariantCulture,
        $"{m.Code} {m.Title}, {m.Period}: {EmailText.Number(m.Figure.Value)} against target {EmailText.Number(m.Figure.Target)}, tolerance {EmailText.Number(m.Figure.Tolerance)}");

    private static string Escalation(DigestEscalation e) => string.Create(CultureInfo.InvariantCulture,
        $"{e.MeasureCode} {e.Reason}, level {e.Level} ({e.LevelName}), {e.Status}");
}
