using System.Globalization;
using System.Net;
using System.Text;

namespace ContractMonitor.Core.Notifications;

/// <summary>
/// Writes an email's plain-text and HTML parts from one script, so the two parts cannot say
/// different things, and every piece of text is HTML-encoded in the HTML part whatever its source.
/// </summary>
internal sealed class EmailBody
{
    private readonly StringBuilder text = new();
    private readonly StringBuilder html = new("<html><body>");

    /// <summary>The HTML part's heading; the plain-text part has the subject for that.</summary>
    public EmailBody Heading(string heading)
    {
        html.Append("<h2>").Append(H(heading)).Append("</h2>");
        return this;
    }

    /// <summary>Lines that belong together: one paragraph in HTML, lines without a gap in text.</summary>
    public EmailBody Paragraph(params IEnumerable<string> lines)
    {
        var all = lines.ToList();
        foreach (var line in all)
        {
            text.AppendLine(line);
        }

        html.Append("<p>").AppendJoin("<br>", all.Select(H)).Append("</p>");
        return this;
    }

    /// <summary>A blank line in text, where HTML's paragraphs already part the sections.</summary>
    public EmailBody Gap()
    {
        text.AppendLine();
        return this;
    }

    /// <summary>A titled list, with <paramref name="none"/> said in place of an empty one.</summary>
    public EmailBody List(string title, IEnumerable<string> items, string none)
    {
        var all = items.ToList();
        if (all.Count == 0)
        {
            return Paragraph(none);
        }

        Paragraph(title + ":");
        foreach (var item in all)
        {
            text.Append("  - ").AppendLine(item);
        }

        html.Append("<ul>").AppendJoin("", all.Select(i => $"<li>{H(i)}</li>")).Append("</ul>");
        return this;
    }

    /// <summary>A table of rows keyed by their first column: "  key  a; b; c" lines in text.</summary>
    public EmailBody Table(string title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = rows.ToList();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title} ({string.Join("; ", headers.Skip(1)).ToLowerInvariant()}):");
        html.Append("<table border=\"1\" cellpadding=\"4\"><tr>").AppendJoin("", headers.Select(h => $"<th>{H(h)}</th>")).Append("</tr>");
        foreach (var row in all)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {row[0]}  {string.Join("; ", row.Skip(1))}");
            html.Append("<tr>").AppendJoin("", row.Select(c => $"<td>{H(c)}</td>")).Append("</tr>");
        }

        html.Append("</table>");
        return this;
    }

    /// <summary>Links: "label: address" lines in text, one paragraph of links in HTML.</summary>
    public EmailBody Links(params IEnumerable<(string Label, Uri Address)> links)
    {
        var all = links.ToList();
        foreach (var (label, address) in all)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {address}");
        }

        html.Append("<p>").AppendJoin(" · ", all.Select(l => $"<a href=\"{H(l.Address.ToString())}\">{H(l.Label)}</a>")).Append("</p>");
        return this;
    }

    public EmailContent ToContent(string subject) => new(subject, text.ToString(), html + "</body></html>");

    private static string H(string value) => WebUtility.HtmlEncode(value);
}
