using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.SplitScreen;

/// <summary>
/// Routes reached by a challenge's or an escalation's id answer in a fixed order: a body that
/// cannot be valid is 400 whoever sends it; then another organisation's thing is 404 and a role
/// that may not act is 403. Ids are read as the route constraint reads them.
/// </summary>
public sealed class IdRouteOrderTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private async Task<(Scenario Scenario, long ChallengeId)> ArrangeAsync()
    {
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 52m))).EnsureSuccessStatusCode();
        return (scenario, (await scenario.ChallengeAsync("A1", "2026-07", "Why?")).Id);
    }

    [Fact]
    public async Task AnInvalidBodyIsABadRequestBeforeTheRoleOrTheOrganisationIsChecked()
    {
        var (scenario, id) = await ArrangeAsync();
        var other = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));

        // The trust may not close a challenge, and another council cannot see it: the empty body speaks first.
        var provider = await scenario.Provider.PostAsJsonAsync($"/api/challenges/{id}/close", new { }, JsonDefaults.Web);
        var outsider = await other.Commissioner.PostAsJsonAsync($"/api/challenges/{id}/close", new { }, JsonDefaults.Web);
        var valid = await scenario.Provider.PostAsJsonAsync($"/api/challenges/{id}/close", new { outcome = "Agreed" }, JsonDefaults.Web);
        var hidden = await other.Commissioner.PostAsJsonAsync($"/api/challenges/{id}/close", new { outcome = "Agreed" }, JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.BadRequest, provider.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, valid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
    }

    [Fact]
    public async Task AnIdIsReadAsTheRouteReadsIt()
    {
        var (scenario, id) = await ArrangeAsync();

        var signed = await scenario.Commissioner.GetAsync($"/api/challenges/%2B{id}");
        var negative = await scenario.Commissioner.GetAsync("/api/challenges/-1");

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var problem = await negative.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("There is no challenge -1 that your organisation can see.", problem.GetRawText(), StringComparison.Ordinal);
    }
}
