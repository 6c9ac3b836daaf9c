using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Audit;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.ContractLife;

/// <summary>Issue 20: the contract's end moves, audited with a reason; its figures and escalations follow the rules.</summary>
public sealed class ContractTermTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly DateTimeOffset Today = new(2026, 9, 20, 9, 0, 0, TimeSpan.Zero);

    private async Task<Scenario> ContractAsync(DateOnly? end)
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1), end);
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2026-27", 60m, 55m);
        return scenario;
    }

    private static Task<HttpResponseMessage> ChangeAsync(Scenario scenario, DateOnly? end, string reason = "Extended at the annual review.") =>
        scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/term", new ChangeTermRequest(end, reason), JsonDefaults.Web);

    [Fact]
    public async Task AnExtensionMakesTheNewPeriodsOwedAndIsAudited()
    {
        var scenario = await ContractAsync(new DateOnly(2026, 6, 30));
        var outside = await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 61m));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outside.StatusCode);

        var response = await ChangeAsync(scenario, new DateOnly(2027, 3, 31));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new DateOnly(2027, 3, 31), (await response.Content.ReadFromJsonAsync<ContractResponse>(JsonDefaults.Web))!.EndDate);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 61m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var history = await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history");
        Assert.Equal(["2026-04 Missing", "2026-05 Missing", "2026-06 Missing", "2026-07 OnTarget", "2026-08 Missing"],
            history!.Periods.Where(p => p.Rating != Rating.Pending).Select(p => $"{p.Period} {p.Rating}"));
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        var entry = Assert.Single(audit!, a => a.Action == "contract.term.changed");
        Assert.Contains("2026-06-30", entry.Before, StringComparison.Ordinal);
        Assert.Contains("Extended at the annual review.", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BringingTheEndForwardPastFiguresIsRefusedListingThem()
    {
        var scenario = await ContractAsync(null);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 61m), Row("A1", "2026-07", 62m))).EnsureSuccessStatusCode();

        var response = await ChangeAsync(scenario, new DateOnly(2026, 5, 31), "Ended early.");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("A1 2026-06, A1 2026-07", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var contract = await scenario.Panel.GetAsync<ContractResponse>($"/api/contracts/{scenario.ContractId}");
        Assert.Null(contract!.EndDate);
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        Assert.DoesNotContain(audit!, a => a.Action == "contract.term.changed");
    }

    /// <summary>An end brought forward over months that were only Missing: their escalation goes with them, saying why.</summary>
    [Fact]
    public async Task BringingTheEndForwardOverMissingMonthsResolvesTheirEscalation()
    {
        var scenario = await ContractAsync(null);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-04", 61m), Row("A1", "2026-05", 62m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var open = Assert.Single((await scenario.Panel.GetAsync<EscalationListResponse>(
            $"/api/contracts/{scenario.ContractId}/escalations?status=Open"))!.Escalations);
        Assert.Equal(EscalationReason.MissingReturns, open.Reason);

        (await ChangeAsync(scenario, new DateOnly(2026, 5, 31), "The service came back in house.")).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var record = await scenario.Panel.GetAsync<EscalationResponse>($"/api/escalations/{open.Id}");
        Assert.Equal(EscalationStatus.Resolved, record!.Status);
        Assert.Equal((EscalationEventType.Resolved, "contract term changed"), (record.Events[^1].Type, record.Events[^1].Cause));
    }

    [Theory]
    [InlineData("""{"endDate":"2026-03-31","reason":"Before the start."}""", HttpStatusCode.UnprocessableEntity, "endDate")]
    [InlineData("""{"endDate":"2027-03-31"}""", HttpStatusCode.BadRequest, "reason")]
    [InlineData("""{"reason":"Forgot the date."}""", HttpStatusCode.BadRequest, "endDate")]
    [InlineData("""{"endDate":"31/03/2027","reason":"Not a date."}""", HttpStatusCode.BadRequest, "endDate")]
    public async Task ABadTermIsRefusedAndChangesNothing(string body, HttpStatusCode expected, string field)
    {
        var scenario = await ContractAsync(new DateOnly(2026, 12, 31));

        var response = await scenario.Admin.PutAsync($"/api/contracts/{scenario.ContractId}/term",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var contract = await scenario.Panel.GetAsync<ContractResponse>($"/api/contracts/{scenario.ContractId}");
        Assert.Equal(new DateOnly(2026, 12, 31), contract!.EndDate);
    }

    [Fact]
    public async Task OnlyAnAdminMovesTheTerm()
    {
        var scenario = await ContractAsync(null);

        var response = await scenario.Commissioner.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/term",
            new ChangeTermRequest(new DateOnly(2027, 3, 31), "Mine."), JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
