using System.Globalization;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Text;

namespace ContractMonitor.Core.Notifications;

/// <summary>A period's figure as the email shows it.</summary>
internal sealed record EmailFigure(string Period, decimal? Value, decimal? Target, decimal? Tolerance, Rating Rating);

/// <summary>The trust's latest word on the measure.</summary>
internal sealed record EmailClaim(string Period, string Text, string Author, DateTimeOffset At);

/// <summary>A challenge of the council's that is not closed.</summary>
internal sealed record EmailChallenge(string Period, string Text, string Status, DateOnly? ResponseDueDate, bool Overdue);

/// <summary>One of the changes an evaluation run made to the escalation, and why.</summary>
internal sealed record EmailEvent(EscalationEventType Type, string? Period, int Level, string LevelName, string? Cause);

/// <summary>Everything an escalation email says, read when it is first sent.</summary>
internal sealed record EscalationEmailModel(
    long ContractId,
    string ContractReference,
    string ContractTitle,
    string MeasureCode,
    string MeasureTitle,
    long EscalationId,
    EscalationReason Reason,
    EscalationEventType Event,
    string? Period,
    int Level,
    string LevelName,
    string? Note,
    IReadOnlyList<EmailFigure> RecentFigures,
    EmailClaim? LatestClaim,
    IReadOnlyList<EmailChallenge> OpenChallenges)
{
    /// <summary>The period the escalation was raised in: every subject names it beside where it stands.</summary>
    public string? RaisedPeriod { get; init; }

    /// <summary>What made the evaluator write the event: new figures, a late return, a revision, a target change.</summary>
    public string? Cause { get; init; }

    /// <summary>Every change the run made to the escalation, oldest first; the last is where it stands.</summary>
    public IReadOnlyList<EmailEvent> RunEvents { get; init; } = [];
}

/// <summary>A rendered message: what every attempt to send it sends.</summary>
internal sealed record EmailContent(string Subject, string Text, string Html);

/// <summary>
/// The escalation email (issue 6), plain text and HTML. Everything that comes from users (titles,
/// claims, challenges, notes) is HTML-encoded in the HTML part, and the subject is one line with no
/// control characters, so user text can neither add headers nor markup.
/// </summary>
internal static class EscalationEmail
{
    public static EmailContent Render(EscalationEmailModel model, Uri baseUrl)
    {
        var what = WhatHappened(model);
        var subject = EmailText.OneLine($"{model.ContractReference} {model.MeasureCode}: {what}");
        var splitScreen = new Uri(baseUrl, string.Create(CultureInfo.InvariantCulture, $"contracts/{model.ContractId}/split-screen"));
        // The pages, not the API: a chair following a link signs in and lands on it (issue 17).
        var escalation = new Uri(baseUrl, string.Create(CultureInfo.InvariantCulture, $"escalations/{model.EscalationId}"));

        var changed = Changed(model) is { } cause ? [$"What changed: {cause}."] : Array.Empty<string>();
        var why = model.Note is { Length: > 0 } note ? [$"Why: {note}"] : Array.Empty<string>();
        var body = new EmailBody()
            .Heading($"{model.ContractReference} {model.MeasureCode}: {what}")
            .Paragraph([$"Contract: {model.ContractReference} {model.ContractTitle}", $"Measure: {model.MeasureCode} {model.MeasureTitle}",
                $"Escalation: {what}.", .. why, .. changed]);
        if (model.RunEvents.Count > 1)
        {
            body.Gap().List("This evaluation", model.RunEvents.Select(e => $"{e.Period ?? "–"}: {Step(e)}"), "");
        }

        return body.Gap()
            .Table("Recent periods", ["Period", "Value", "Target", "Tolerance", "Rating"], model.RecentFigures.Select(f =>
                (IReadOnlyList<string>)[f.Period, EmailText.Number(f.Value), EmailText.Number(f.Target), EmailText.Number(f.Tolerance), f.Rating.ToString()]))
            .Gap()
            .Paragraph(model.LatestClaim is { } claim
                ? string.Create(CultureInfo.InvariantCulture, $"The trust's latest claim ({claim.Period}, {claim.Author}, {claim.At:yyyy-MM-dd}): {claim.Text}")
                : "The trust has made no claim about this measure.")
            .Gap()
            .List("Open challenges", model.OpenChallenges.Select(c => $"{c.Period} ({ChallengeState(c)}): {c.Text}"),
                "The council has no open challenge on this measure.")
            .Gap()
            .Links(("Split screen", splitScreen), ("Escalation and its history", escalation))
            .ToContent(subject);
    }

    /// <summary>
    /// Where the escalation stands, with the period it was raised in: "Sustained failure raised in
    /// 2026-05, escalated to level 2 (Director) in 2026-06". A resolution that no period caused, or
    /// one that would read as earlier than the raise, is not dated.
    /// </summary>
    public static string WhatHappened(EscalationEmailModel model)
    {
        var reason = Words.Reason(model.Reason);
        var level = string.Create(CultureInfo.InvariantCulture, $"level {model.Level} ({model.LevelName})");
        var raised = model.RaisedPeriod;
        var period = model.Period is { } p && (raised is null || string.CompareOrdinal(p, raised) >= 0) ? p : null;
        if (model.Event == EscalationEventType.Raised && (raised is null || raised == model.Period))
        {
            return period is null ? $"{reason} raised at {level}" : $"{reason} raised at {level} in {period}";
        }

        var change = model.Event switch
        {
            EscalationEventType.Raised => $"raised at {level}",
            EscalationEventType.Escalated => $"escalated to {level}",
            EscalationEventType.Reopened => $"reopened at {level}",
            EscalationEventType.Recovering => $"recovering at {level}",
            EscalationEventType.Resolved => $"resolved at {level}",
            _ => $"{model.Event.ToString().ToLowerInvariant()} at {level}",
        };
        var when = period is null ? "" : model.Event == EscalationEventType.Recovering ? $" since {period}" : $" in {period}";
        return raised is null ? $"{reason} {change}{when}" : $"{reason} raised in {raised}, {change}{when}";
    }

    private static string Step(EmailEvent e)
    {
        var what = e.Type switch
        {
            EscalationEventType.Escalated => "escalated to",
            EscalationEventType.Reopened => "reopened at",
            EscalationEventType.Recovering => "recovering at",
            EscalationEventType.Resolved => "resolved at",
            _ => "raised at",
        };
        var line = string.Create(CultureInfo.InvariantCulture, $"{what} level {e.Level} ({e.LevelName})");
        return e.Cause is { Length: > 0 } cause && cause != SeriesChanges.NewFigures ? $"{line}, after the {cause}" : line;
    }

    // New figures are the ordinary course of things; anything else is worth saying.
    private static string? Changed(EscalationEmailModel model) =>
        model.Cause is { Length: > 0 } cause && cause != SeriesChanges.NewFigures ? cause : null;

    private static string ChallengeState(EmailChallenge challenge) => challenge switch
    {
        { Overdue: true } => string.Create(CultureInfo.InvariantCulture, $"{challenge.Status}, overdue since {challenge.ResponseDueDate:yyyy-MM-dd}"),
        { ResponseDueDate: { } due } => string.Create(CultureInfo.InvariantCulture, $"{challenge.Status}, response due {due:yyyy-MM-dd}"),
        _ => challenge.Status,
    };
}

/// <summary>Text helpers shared by the emails.</summary>
internal static class EmailText
{
    /// <summary>One header-safe line: control characters (CR, LF, tab…) become spaces; at most 200 characters.</summary>
    public static string OneLine(string text)
    {
        var line = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        return line.Length <= 200 ? line : string.Concat(line.AsSpan(0, 199), "…");
    }

    public static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "–";
}
