using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Audit;
using ContractMonitor.Contracts.Panel;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Features.Panel;

public sealed class PanelEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly PanelRequest Members = new(
    [
        new("Cllr Chair", "chair@council.example", PanelRole.Chair),
        new("Cllr Vice", "vice@council.example", PanelRole.ViceChair),
        new("Cllr Member", "member@council.example", PanelRole.Member),
    ]);

    [Fact]
    public async Task AdminReplacesThePanelAndTheChangeIsAudited()
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/panel", Members, JsonDefaults.Web);

        var response = await scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/panel",
            new PanelRequest([new("New Chair", "new.chair@council.example", PanelRole.Chair)]), JsonDefaults.Web);
        var panel = await scenario.Panel.GetFromJsonAsync<PanelResponse>($"/api/contracts/{scenario.ContractId}/panel", JsonDefaults.Web);
        var audit = await scenario.Admin.GetFromJsonAsync<List<AuditEntryResponse>>(
            $"/api/contracts/{scenario.ContractId}/audit", JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([new PanelMember("New Chair", "new.chair@council.example", PanelRole.Chair)], panel!.Members);
        var latest = audit!.First(a => a.Action == "panel.replaced");
        Assert.Equal(3, JsonDocument.Parse(latest.Before!).RootElement.GetProperty("members").GetArrayLength());
        Assert.Equal(1, JsonDocument.Parse(latest.After!).RootElement.GetProperty("members").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"members":[{"name":"A","email":"a@x.example","role":"Chair"},{"name":"B","email":"b@x.example","role":"Chair"}]}""", "members")]
    [InlineData("""{"members":[{"name":"A","email":"a@x.example","role":"Member"},{"name":"B","email":"A@X.example","role":"Member"}]}""", "members")]
    [InlineData("""{"members":[{"name":"A","email":"not-an-email","role":"Member"}]}""", "members[0].email")]
    [InlineData("""{"members":[{"name":"A","email":"a@x.example\r\nBcc: evil@x.example","role":"Member"}]}""", "members[0].email")]
    [InlineData("""{"members":[{"name":"","email":"a@x.example","role":"Member"}]}""", "members[0].name")]
    [InlineData("""{"members":[{"name":"A","email":"a@x.example"}]}""", "members[0].role")]
    [InlineData("""{}""", "members")]
    public async Task InvalidPanelIsRefusedNamingTheField(string body, string field)
    {
        var scenario = await Scenario.CreateAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Admin.PutAsync($"/api/contracts/{scenario.ContractId}/panel",
            new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.NotEmpty((await response.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor(field));
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task TrustCannotReadPanelEmailsAndCommissionerCannotChangeThem()
    {
        var scenario = await Scenario.CreateAsync(api);
        await (await scenario.Provider.GetAsync($"/api/contracts/{scenario.ContractId}/panel"))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await scenario.Commissioner.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/panel", Members, JsonDefaults.Web))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
    }
}
