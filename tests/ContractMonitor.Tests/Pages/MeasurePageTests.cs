using System.Net;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Pages;

/// <summary>Issue 17: a measure's page, with its history drawn without script and given as a table.</summary>
public sealed class MeasurePageTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task TheHistoryIsAChartWithATableAndTheLatestFiguresRevisionsAndBothVoicesShow()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2024-04", 61m), Row("A1", "2024-05", 57m), Row("A1", "2024-06", 52m), Row("A1", "2024-07", 50m, commentary: "Staff left."))).EnsureSuccessStatusCode();
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-07", 51.5m))).EnsureSuccessStatusCode();
        await scenario.ChallengeAsync("A1", "2024-07", "Why has it fallen again?");
        await scenario.EvaluateAsync();
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);

        var response = await officer.GetAsync($"/contracts/{scenario.ContractId}/measures/a1");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"img\" aria-labelledby=\"chart-title chart-description\"", html, StringComparison.Ordinal);
        Assert.Contains("<title id=\"chart-title\">A1 by period</title>", html, StringComparison.Ordinal);
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(html, "<circle "));
        Assert.Contains("app-chart__point--failing", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\" class=\"govuk-table__header\">2024-07</th>", html, StringComparison.Ordinal);
        Assert.Contains("Revision 1: 50.0%, sent by pat.provider", html, StringComparison.Ordinal);
        Assert.Contains("Revision 2: 51.5%, sent by pat.provider", html, StringComparison.Ordinal);
        Assert.Contains("Staff left.", html, StringComparison.Ordinal);
        Assert.Contains("Why has it fallen again?", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/contracts/{scenario.ContractId}/measures/ZZ9")).StatusCode);
    }
}
