using System.Globalization;
using System.Net;
using System.Text;

namespace ContractMonitor.Api.Pages.Measures;

/// <summary>
/// The frame both of a measure's charts are drawn in: an accessible SVG (its title and description
/// named by ids the page gives), a scale fitted to the numbers it shows with a tenth to spare, axes
/// labelled with the top and bottom of the scale and the first and last period, and lines broken
/// where a value is missing. The charts' colours are in site.css, since the page's policy allows no
/// inline style.
/// </summary>
internal sealed class ChartCanvas
{
    private const double Width = 720, Height = 260, Left = 56, Right = 16, Top = 16, Bottom = 40;

    private readonly StringBuilder svg = new();
    private readonly int count;
    private readonly double low;
    private readonly double high;

    private ChartCanvas(int count, double low, double high)
    {
        this.count = count;
        this.low = low;
        this.high = high;
    }

    /// <summary>
    /// A chart of <paramref name="labels"/>.Count points scaled to <paramref name="numbers"/>, or the
    /// finished SVG saying "No figures yet" (as <paramref name="empty"/>) when there is nothing to draw.
    /// </summary>
    public static ChartCanvas? Start(
        string title, string titleId, string descriptionId, string description, IReadOnlyList<string> labels, IReadOnlyList<double> numbers,
        out string empty)
    {
        var head = string.Create(CultureInfo.InvariantCulture,
            $"""<svg class="app-chart" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="{titleId} {descriptionId}" xmlns="http://www.w3.org/2000/svg"><title id="{titleId}">{H(title)}</title><desc id="{descriptionId}">{H(description)}</desc>""");
        if (labels.Count == 0 || numbers.Count == 0)
        {
            empty = head + string.Create(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{Height / 2}" class="app-chart__label">No figures yet</text></svg>""");
            return null;
        }

        empty = "";
        var pad = Math.Max((numbers.Max() - numbers.Min()) * 0.1, 1);
        var canvas = new ChartCanvas(labels.Count, numbers.Min() - pad, numbers.Max() + pad);
        var s = canvas.svg.Append(head);
        s.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Height - Bottom}" class="app-chart__axis"/>""");
        s.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" class="app-chart__axis"/>""");
        foreach (var v in new[] { canvas.high - pad, canvas.low + pad })
        {
            s.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{canvas.Y((decimal)v) + 4:0.#}" text-anchor="end" class="app-chart__label">{v:0.#}</text>""");
        }

        s.Append(CultureInfo.InvariantCulture, $"""<text x="{canvas.X(0):0.#}" y="{Height - Bottom + 18}" class="app-chart__label">{H(labels[0])}</text>""");
        s.Append(CultureInfo.InvariantCulture, $"""<text x="{canvas.X(labels.Count - 1):0.#}" y="{Height - Bottom + 18}" text-anchor="end" class="app-chart__label">{H(labels[^1])}</text>""");
        return canvas;
    }

    public double X(int i) => Left + (count == 1 ? (Width - Left - Right) / 2 : i * (Width - Left - Right) / (count - 1));

    public double Y(decimal v) => Top + ((high - (double)v) * (Height - Top - Bottom) / (high - low));

    /// <summary>
    /// A line through the values, broken where one is missing and, with <paramref name="breakOnChange"/>,
    /// where the value changes (a new segment's mean or limit starts its own line).
    /// </summary>
    public void Line(IReadOnlyList<decimal?> values, string css, bool breakOnChange = false)
    {
        var run = new List<string>();
        void Flush()
        {
            if (run.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{string.Join(' ', run)}" class="{css}"/>""");
            }

            run.Clear();
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is null || (breakOnChange && i > 0 && values[i - 1] is { } before && values[i] != before))
            {
                Flush();
            }

            if (values[i] is { } v)
            {
                run.Add(string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(v):0.#}"));
            }
        }

        Flush();
    }

    /// <summary>A point, outlined so it stands out whatever its colour, with its words as its tooltip.</summary>
    public void Point(int i, decimal value, string css, string words) =>
        svg.Append(CultureInfo.InvariantCulture,
            $"""<circle cx="{X(i):0.#}" cy="{Y(value):0.#}" r="5" class="app-chart__point {css}"><title>{H(words)}</title></circle>""");

    public string Finish() => svg.Append("</svg>").ToString();

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
