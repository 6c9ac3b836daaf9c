using System.Globalization;
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
    public static string Svg(string measureCode, IReadOnlyList<PeriodStanding> periods, string titleId, string descriptionId, string description)
    {
        var numbers = periods.SelectMany(p => new[] { p.Figure.Value, p.Figure.Target, p.Figure.Tolerance }).OfType<decimal>().Select(v => (double)v).ToList();
        if (ChartCanvas.Start($"{measureCode} by period", titleId, descriptionId, description, [.. periods.Select(p => p.Period)], numbers,
                out var empty) is not { } chart)
        {
            return empty;
        }

        chart.Line([.. periods.Select(p => p.Figure.Target)], "app-chart__target");
        chart.Line([.. periods.Select(p => p.Figure.Tolerance)], "app-chart__tolerance");
        chart.Line([.. periods.Select(p => p.Figure.Value)], "app-chart__value");
        for (var i = 0; i < periods.Count; i++)
        {
            if (periods[i].Figure.Value is { } value)
            {
                chart.Point(i, value, $"app-chart__point--{periods[i].Figure.Rating.ToString().ToLowerInvariant()}",
                    string.Create(CultureInfo.InvariantCulture, $"{periods[i].Period}: {value:0.###}, {PageText.RatingText(periods[i].Figure.Rating)}"));
            }
        }

        return chart.Finish();
    }
}
