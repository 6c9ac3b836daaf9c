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
        // Four periods with figures on the history chart, and the same four on the SPC chart.
        Assert.Equal(4, System.Text.RegularExpressions.Regex.Count(html, "app-chart__point app-chart__point--(ontarget|withintolerance|failing|missing|pending)"));
        Assert.Equal(8, System.Text.RegularExpressions.Regex.Count(html, "<circle "));
        Assert.Contains("app-chart__point--failing", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\" class=\"govuk-table__header\">2024-07</th>", html, StringComparison.Ordinal);
        Assert.Contains("Revision 1: 50.0%, sent by pat.provider", html, StringComparison.Ordinal);
        Assert.Contains("Revision 2: 51.5%, sent by pat.provider", html, StringComparison.Ordinal);
        Assert.Contains("Staff left.", html, StringComparison.Ordinal);
        Assert.Contains("Why has it fallen again?", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/contracts/{scenario.ContractId}/measures/ZZ9")).StatusCode);
    }

    [Fact]
    public async Task AMeasureWithMoreThanTwoYearsShowsTheLatestAndOffersEveryPeriodAndClaim()
    {
        api.Clock.Now = new DateTimeOffset(2024, 8, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2022, 4, 1));
        await scenario.AddMeasureAsync("A1");
        var months = Enumerable.Range(0, 28).Select(i => new DateOnly(2022, 4, 1).AddMonths(i)).ToList();
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            [.. months.Select(m => Row("A1", m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), 50m, commentary: $"Claim for {m:yyyy-MM}."))]))
            .EnsureSuccessStatusCode();
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);
        var url = $"/contracts/{scenario.ContractId}/measures/A1";

        var latest = await officer.GetStringAsync(url);
        var every = await officer.GetStringAsync(url + "?all=true");

        Assert.Contains("The latest 24 of 29 periods.", latest, StringComparison.Ordinal);
        Assert.Contains("The latest 10 of 28 claims.", latest, StringComparison.Ordinal);
        Assert.DoesNotContain(">2022-04</th>", latest, StringComparison.Ordinal);
        Assert.DoesNotContain("Claim for 2022-04.", latest, StringComparison.Ordinal);
        Assert.Contains(">2022-04</th>", every, StringComparison.Ordinal);
        Assert.Contains("Claim for 2022-04.", every, StringComparison.Ordinal);
        Assert.Contains("29 periods from 2022-04 to 2024-08", every, StringComparison.Ordinal);
        Assert.DoesNotContain("The latest", every, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMeasureWithNoPeriodYetSaysSoInsteadOfAnEmptyRange()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        // Before the contract starts, no period of it has begun.
        api.Clock.Now = new DateTimeOffset(2024, 3, 15, 9, 0, 0, TimeSpan.Zero);
        var officer = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);

        var html = await officer.GetStringAsync($"/contracts/{scenario.ContractId}/measures/A1");

        Assert.Contains("No period has begun yet, so there is nothing to draw.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("periods from", html, StringComparison.Ordinal);
    }
}
