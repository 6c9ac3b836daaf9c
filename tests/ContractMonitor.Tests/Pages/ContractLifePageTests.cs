using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Pages;

/// <summary>Issue 20 on the pages: a measure's life on its page, and each period's sign-off state beside its figures.</summary>
public sealed class ContractLifePageTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task AMeasurePageShowsItsUnitLabelHowItsDefinitionChangedAndItsRetirement()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        (await scenario.Admin.PatchAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/A1", new
        {
            definition = "Visits within 10 working days.", definitionFrom = "2024-06", unitLabel = "of visits", reason = "Clarified at review.",
        }, JsonDefaults.Web)).EnsureSuccessStatusCode();
        (await scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/A1/retirement",
            new RetireMeasureRequest("2024-08", "Replaced by A2."), JsonDefaults.Web)).EnsureSuccessStatusCode();
        var panel = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);

        var html = await (await panel.GetAsync($"/contracts/{scenario.ContractId}/measures/A1")).Content.ReadAsStringAsync();

        Assert.Contains("Retired from 2024-08: Replaced by A2.", html, StringComparison.Ordinal);
        Assert.Contains("in percent (of visits)", html, StringComparison.Ordinal);
        Assert.Contains("returns owed from 2024-04 until 2024-07", html, StringComparison.Ordinal);
        Assert.Contains("From 2024-04: Definition (as first defined)", html, StringComparison.Ordinal);
        Assert.Contains("From 2024-06: Visits within 10 working days. (Clarified at review. Set by alice.admin", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardShowsTheRulesInForceTodayAndEveryChange()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        var panel = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);
        var before = await (await panel.GetAsync($"/contracts/{scenario.ContractId}")).Content.ReadAsStringAsync();
        (await scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/policy/2024-07",
            new ContractMonitor.Contracts.Register.ChangePolicyRequest("Annual review.", ReturnDueDays: 20, RaiseAfter: 3), JsonDefaults.Web))
            .EnsureSuccessStatusCode();
        (await scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/policy/2025-04",
            new ContractMonitor.Contracts.Register.ChangePolicyRequest("Next year's review.", ReturnDueDays: 25), JsonDefaults.Web))
            .EnsureSuccessStatusCode();

        var after = await (await panel.GetAsync($"/contracts/{scenario.ContractId}")).Content.ReadAsStringAsync();

        Assert.Contains("15 days after a period ends", before, StringComparison.Ordinal);
        Assert.Contains("These are the rules the contract started with.", before, StringComparison.Ordinal);
        Assert.Contains("20 days after a period ends", after, StringComparison.Ordinal);
        Assert.Contains("Raised after 3 failing or missing periods in a row", after, StringComparison.Ordinal);
        Assert.Contains("In force from 2024-07: Annual review.", after, StringComparison.Ordinal);
        Assert.Contains("From 2025-04: Next year&#x27;s review. (recorded by alice.admin on 20 August 2024)", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardAndTheSplitScreenSayWhereEachPeriodsFiguresStand()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        await scenario.AddMeasureAsync("B1");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-07", 61m), Row("B1", "2024-07", 61m))).EnsureSuccessStatusCode();
        (await scenario.Provider.PostAsync($"/api/contracts/{scenario.ContractId}/periods/2024-07/sign-off", null)).EnsureSuccessStatusCode();
        (await scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/B1/retirement",
            new RetireMeasureRequest("2024-08", "Dropped."), JsonDefaults.Web)).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);

        var july = await (await officer.GetAsync($"/contracts/{scenario.ContractId}?asOf=2024-07-31")).Content.ReadAsStringAsync();
        var august = await (await officer.GetAsync($"/contracts/{scenario.ContractId}?asOf=2024-08-31")).Content.ReadAsStringAsync();
        var split = await (await officer.GetAsync($"/contracts/{scenario.ContractId}/split-screen?asOf=2024-07-31")).Content.ReadAsStringAsync();

        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(july, "<td class=\"govuk-table__cell\">Signed off by the trust</td>"));
        Assert.Contains("Retired, so not shown: B1 Measure B1 (from 2024-08).", august, StringComparison.Ordinal);
        Assert.Contains("2024-07 · Signed off by the trust", split, StringComparison.Ordinal);
    }
}
