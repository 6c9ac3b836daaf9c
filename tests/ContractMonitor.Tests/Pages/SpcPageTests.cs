using System.Net;
using System.Text.RegularExpressions;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.Papers;
using ContractMonitor.Tests.Features.Spc;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Pages;

/// <summary>Issue 19 on the pages: the measure's SPC chart with its table, and both icons in words on the dashboard and the paper.</summary>
public sealed class SpcPageTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task TheMeasurePageDrawsTheChartWithItsLimitsAndSaysWhatItMeans()
    {
        var scenario = await SpcScenario.CreateAsync(api);
        var chair = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);

        var html = WebUtility.HtmlDecode(await chair.GetStringAsync($"/contracts/{scenario.ContractId}/measures/A1"));

        Assert.Contains("<title id=\"spc-title\">A1: statistical process control</title>", html, StringComparison.Ordinal);
        Assert.Equal(7, Regex.Count(html, "app-chart__point app-chart__point--concern"));
        Assert.Equal(12, Regex.Count(html, "app-chart__point app-chart__point--commoncause"));
        Assert.Contains("class=\"app-chart__limit\"", html, StringComparison.Ordinal);
        Assert.Contains("Special cause: concern, lower", html, StringComparison.Ordinal);
        Assert.Contains("Will hit and miss the target by chance", html, StringComparison.Ordinal);
        Assert.Contains("Concern (a shift of seven on one side)", html, StringComparison.Ordinal);
        Assert.Contains("7 concern and 0 improvement points", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardAndSplitScreenSayBothIconsInWords()
    {
        var scenario = await SpcScenario.CreateAsync(api);
        var chair = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);

        var dashboard = WebUtility.HtmlDecode(await chair.GetStringAsync($"/contracts/{scenario.ContractId}"));
        var split = WebUtility.HtmlDecode(await chair.GetStringAsync($"/contracts/{scenario.ContractId}/split-screen"));

        Assert.Contains("Special cause: concern, lower", dashboard, StringComparison.Ordinal);
        Assert.Contains("Assurance: will hit and miss the target by chance", dashboard, StringComparison.Ordinal);
        Assert.Contains("Too few figures to tell", dashboard, StringComparison.Ordinal);
        Assert.Contains("Signal or noise: special cause: concern, lower; will hit and miss the target by chance.", split, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePaperAndItsWordDocumentSayBothIconsInWords()
    {
        var scenario = await SpcScenario.CreateAsync(api);

        var paper = (await scenario.Commissioner.GetAsync<PaperContent>($"/api/contracts/{scenario.ContractId}/papers/preview?period=2025-26-Q2"))!;
        var document = await scenario.Commissioner.GetAsync($"/api/contracts/{scenario.ContractId}/papers/preview/document?period=2025-26-Q2");

        var a1 = paper.Categories.SelectMany(c => c.Measures).Single(m => m.Code == "A1");
        Assert.Equal((Contracts.Spc.Variation.ConcernLow, Contracts.Spc.Assurance.HitAndMiss), (a1.Variation!.Value, a1.Assurance!.Value));
        Assert.Contains("special cause: concern, lower; will hit and miss the target by chance",
            PaperDocumentText.Of(await document.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOfficerStartsTheLimitsAgainFromThePageWithAReasonAndRemovesIt()
    {
        var scenario = await SpcScenario.CreateAsync(api);
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);
        var url = $"/contracts/{scenario.ContractId}/measures/A1";

        var empty = await officer.PostAsync(url + "?handler=Recalculate", await PageSession.FormAsync(officer, url, new() { ["recalcPeriod"] = "2025-13" }));
        var emptyPage = WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync());
        var done = await officer.PostAsync(url + "?handler=Recalculate", await PageSession.FormAsync(officer, url, new()
        {
            ["recalcPeriod"] = " 2025-04 ", ["recalcReason"] = "New recording system from April 2025.",
        }));

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("<a href=\"#recalcReason\">Say what changed</a>", emptyPage, StringComparison.Ordinal);
        Assert.StartsWith("Error: ", PageSession.TitleOf(emptyPage), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, $"{url}#spc"), (done.StatusCode, done.Headers.Location!.OriginalString));
        var after = WebUtility.HtmlDecode(await officer.GetStringAsync(url));
        Assert.Contains("Limits now start again from 2025-04.", after, StringComparison.Ordinal);
        Assert.Contains("From 2025-04: New recording system from April 2025.", after, StringComparison.Ordinal);
        var chart = (await scenario.Panel.GetAsync<Contracts.Spc.SpcResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/spc"))!;
        Assert.Equal(2, chart.Segments.Count);

        var removed = await officer.PostAsync(url + "?handler=RemoveRecalculation", await PageSession.FormAsync(officer, url, new() { ["recalcPeriod"] = "2025-04" }));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty((await scenario.Panel.GetAsync<Contracts.Spc.SpcResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/spc"))!.Recalculations);
        Assert.DoesNotContain("Start the limits again", await (await PageSession.SignInAsync(api, Role.Panel, scenario.Council)).GetStringAsync(url),
            StringComparison.Ordinal);
    }
}
