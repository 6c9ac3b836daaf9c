using System.Globalization;
using System.Net;
using System.Text;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Api.Pages.Measures;

/// <summary>
/// A measure's history as an SVG line chart, drawn on the server so that it needs no script: the
/// figures as a line with a point a period coloured by its rating (each outlined, so it stands out
/// from the page whatever its colour), the target as a solid line and the tolerance as a dashed
/// one. The table beside it is its text alternative.
/// </summary>
internal static class HistoryChart
{
    private const double Width = 720, Height = 260, Left = 56, Right = 16, Top = 16, Bottom = 40;

    public static string Svg(string measureCode, IReadOnlyList<PeriodStanding> periods, string titleId, string descriptionId, string description)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"""<svg class="app-chart" viewBox="0 0 {Width} {Height}" role="img" aria-labelledby="{titleId} {descriptionId}" xmlns="http://www.w3.org/2000/svg">""");
        svg.Append(CultureInfo.InvariantCulture, $"""<title id="{titleId}">{H(measureCode)} by period</title><desc id="{descriptionId}">{H(description)}</desc>""");
        var numbers = periods.SelectMany(p => new[] { p.Figure.Value, p.Figure.Target, p.Figure.Tolerance }).OfType<decimal>().Select(v => (double)v).ToList();
        if (periods.Count == 0 || numbers.Count == 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left}" y="{Height / 2}" class="app-chart__label">No figures yet</text></svg>""");
            return svg.ToString();
        }

        var (low, high) = (numbers.Min(), numbers.Max());
        var pad = Math.Max((high - low) * 0.1, 1);
        (low, high) = (low - pad, high + pad);
        double X(int i) => Left + (periods.Count == 1 ? (Width - Left - Right) / 2 : i * (Width - Left - Right) / (periods.Count - 1));
        double Y(decimal v) => Top + ((high - (double)v) * (Height - Top - Bottom) / (high - low));

        // Axes: the top and bottom of the scale, and the first and last period.
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Top}" x2="{Left}" y2="{Height - Bottom}" class="app-chart__axis"/>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<line x1="{Left}" y1="{Height - Bottom}" x2="{Width - Right}" y2="{Height - Bottom}" class="app-chart__axis"/>""");
        foreach (var v in new[] { high - pad, low + pad })
        {
            svg.Append(CultureInfo.InvariantCulture, $"""<text x="{Left - 6}" y="{Y((decimal)v) + 4:0.#}" text-anchor="end" class="app-chart__label">{v:0.#}</text>""");
        }

        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{X(0):0.#}" y="{Height - Bottom + 18}" class="app-chart__label">{H(periods[0].Period)}</text>""");
        svg.Append(CultureInfo.InvariantCulture, $"""<text x="{X(periods.Count - 1):0.#}" y="{Height - Bottom + 18}" text-anchor="end" class="app-chart__label">{H(periods[^1].Period)}</text>""");

        Line(svg, periods, p => p.Figure.Target, X, Y, "app-chart__target");
        Line(svg, periods, p => p.Figure.Tolerance, X, Y, "app-chart__tolerance");
        Line(svg, periods, p => p.Figure.Value, X, Y, "app-chart__value");
        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i].Figure.Value is { } value)
            {
                svg.Append(CultureInfo.InvariantCulture,
                    $"""<circle cx="{X(i):0.#}" cy="{Y(value):0.#}" r="5" class="app-chart__point app-chart__point--{periods[i].Figure.Rating.ToString().ToLowerInvariant()}"><title>{H(periods[i].Period)}: {value:0.###}, {PageText.RatingText(periods[i].Figure.Rating)}</title></circle>""");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>A line through the periods that have a value, broken where one has none.</summary>
    private static void Line(StringBuilder svg, IReadOnlyList<PeriodStanding> periods, Func<PeriodStanding, decimal?> of, Func<int, double> x, Func<decimal, double> y, string css)
    {
        var points = new List<string>();
        void Flush()
        {
            if (points.Count > 1)
            {
                svg.Append(CultureInfo.InvariantCulture, $"""<polyline points="{string.Join(' ', points)}" class="{css}"/>""");
            }

            points.Clear();
        }

        for (var i = 0; i < periods.Count; i++)
        {
            if (of(periods[i]) is { } v)
            {
                points.Add(string.Create(CultureInfo.InvariantCulture, $"{x(i):0.#},{y(v):0.#}"));
            }
            else
            {
                Flush();
            }
        }

        Flush();
    }

    private static string H(string text) => WebUtility.HtmlEncode(text);
}
