using System.Globalization;
using System.Net;
using System.Text;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Evaluations;

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
        var splitScreen = new Uri(baseUrl, string.Create(CultureInfo.InvariantCulture, $"api/contracts/{model.ContractId}/split-screen"));
        var escalation = new Uri(baseUrl, string.Create(CultureInfo.InvariantCulture, $"api/escalations/{model.EscalationId}"));

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Contract: {model.ContractReference} {model.ContractTitle}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Measure: {model.MeasureCode} {model.MeasureTitle}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Escalation: {what}.");
        if (model.Note is { Length: > 0 } note)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Why: {note}");
        }

        if (Changed(model) is { } cause)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"What changed: {cause}.");
        }

        if (model.RunEvents.Count > 1)
        {
            text.AppendLine().AppendLine("This evaluation:");
            foreach (var e in model.RunEvents)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {e.Period ?? "–"}  {Step(e)}");
            }
        }

        text.AppendLine().AppendLine("Recent periods (value; target; tolerance; rating):");
        foreach (var f in model.RecentFigures)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {f.Period}  {EmailText.Number(f.Value)}; {EmailText.Number(f.Target)}; {EmailText.Number(f.Tolerance)}; {f.Rating}");
        }

        text.AppendLine().AppendLine(model.LatestClaim is { } claim
            ? string.Create(CultureInfo.InvariantCulture, $"The trust's latest claim ({claim.Period}, {claim.Author}, {claim.At:yyyy-MM-dd}): {claim.Text}")
            : "The trust has made no claim about this measure.");
        text.AppendLine().AppendLine(model.OpenChallenges.Count == 0 ? "The council has no open challenge on this measure." : "Open challenges:");
        foreach (var c in model.OpenChallenges)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {c.Period} ({ChallengeState(c)}): {c.Text}");
        }

        text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Split screen: {splitScreen}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Escalation and its history: {escalation}");

        var html = new StringBuilder();
        html.Append("<html><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h2>{H(model.ContractReference)} {H(model.MeasureCode)}: {H(what)}</h2>");
        html.Append(CultureInfo.InvariantCulture, $"<p>Contract: {H(model.ContractReference)} {H(model.ContractTitle)}<br>");
        html.Append(CultureInfo.InvariantCulture, $"Measure: {H(model.MeasureCode)} {H(model.MeasureTitle)}</p>");
        if (model.Note is { Length: > 0 } why)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>Why: {H(why)}</p>");
        }

        if (Changed(model) is { } changed)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>What changed: {H(changed)}.</p>");
        }

        if (model.RunEvents.Count > 1)
        {
            html.Append("<p>This evaluation:</p><ul>");
            foreach (var e in model.RunEvents)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{H(e.Period ?? "–")}: {H(Step(e))}</li>");
            }

            html.Append("</ul>");
        }

        html.Append("<table border=\"1\" cellpadding=\"4\"><tr><th>Period</th><th>Value</th><th>Target</th><th>Tolerance</th><th>Rating</th></tr>");
        foreach (var f in model.RecentFigures)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{H(f.Period)}</td><td>{EmailText.Number(f.Value)}</td><td>{EmailText.Number(f.Target)}</td><td>{EmailText.Number(f.Tolerance)}</td><td>{f.Rating}</td></tr>");
        }

        html.Append("</table>");
        html.Append(model.LatestClaim is { } latest
            ? string.Create(CultureInfo.InvariantCulture, $"<p>The trust's latest claim ({H(latest.Period)}, {H(latest.Author)}, {latest.At:yyyy-MM-dd}): {H(latest.Text)}</p>")
            : "<p>The trust has made no claim about this measure.</p>");
        if (model.OpenChallenges.Count == 0)
        {
            html.Append("<p>The council has no open challenge on this measure.</p>");
        }
        else
        {
            html.Append("<p>Open challenges:</p><ul>");
            foreach (var c in model.OpenChallenges)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{H(c.Period)} ({H(ChallengeState(c))}): {H(c.Text)}</li>");
            }

            html.Append("</ul>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{H(splitScreen.ToString())}\">Split screen</a> · <a href=\"{H(escalation.ToString())}\">Escalation and its history</a></p>");
        html.Append("</body></html>");
        return new EmailContent(subject, text.ToString(), html.ToString());
    }

    /// <summary>
    /// Where the escalation stands, with the period it was raised in: "Sustained failure raised in
    /// 2026-05, escalated to level 2 (Director) in 2026-06". A resolution that no period caused, or
    /// one that would read as earlier than the raise, is not dated.
    /// </summary>
    public static string WhatHappened(EscalationEmailModel model)
    {
        var reason = model.Reason switch
        {
            EscalationReason.SustainedFailure => "Sustained failure",
            EscalationReason.MissingReturns => "Missing returns",
            EscalationReason.SustainedDecline => "Sustained decline",
            _ => model.Reason.ToString(),
        };
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

    private static string H(string text) => WebUtility.HtmlEncode(text);
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
