using System.Globalization;
using ContractMonitor.Contracts.Spc;

namespace ContractMonitor.Api.Pages.Measures;

/// <summary>
/// A measure's XmR chart as NHS "Making Data Count" draws it (issue 19), on the server so that it
/// needs no script: the figures as a line, the mean as a solid line and the process limits as dashed
/// ones, each segment's own, and the points coloured by type (blue improvement, orange concern, grey
/// common cause). The table beside it is its text alternative.
/// </summary>
internal static class SpcChart
{
    public static string Svg(string measureCode, IReadOnlyList<SpcPoint> points, string titleId, string descriptionId, string description)
    {
        var numbers = points.SelectMany(p => new[] { (decimal?)p.Value, p.LowerLimit, p.UpperLimit }).OfType<decimal>().Select(v => (double)v).ToList();
        if (ChartCanvas.Start($"{measureCode}: statistical process control", titleId, descriptionId, description,
                [.. points.Select(p => p.Period)], numbers, out var empty) is not { } chart)
        {
            return empty;
        }

        chart.Line([.. points.Select(p => p.Mean)], "app-chart__mean", breakOnChange: true);
        chart.Line([.. points.Select(p => p.UpperLimit)], "app-chart__limit", breakOnChange: true);
        chart.Line([.. points.Select(p => p.LowerLimit)], "app-chart__limit", breakOnChange: true);
        chart.Line([.. points.Select(p => (decimal?)p.Value)], "app-chart__value");
        for (var i = 0; i < points.Count; i++)
        {
            var type = points[i].PointType ?? PointType.CommonCause;
            chart.Point(i, points[i].Value, $"app-chart__point--{type.ToString().ToLowerInvariant()}",
                string.Create(CultureInfo.InvariantCulture, $"{points[i].Period}: {points[i].Value:0.###}, {PageText.PointType(points[i])}"));
        }

        return chart.Finish();
    }
}
