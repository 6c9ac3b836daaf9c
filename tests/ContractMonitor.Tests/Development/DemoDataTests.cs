using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Api.Development;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Periods;
using ContractMonitor.Tests.Features.Returns;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Development;

public sealed class DemoDataApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["DemoData:Enabled"] = "true" };
}

public sealed class DemoDataTests(DemoDataApiFactory api) : IClassFixture<DemoDataApiFactory>
{
    [Fact]
    public async Task DemoReturnsCoverEveryEndedPeriodSinceMonitoringBeganAndPassEveryRule()
    {
        var admin = api.ClientFor(Role.Admin, DemoData.CouncilCode);
        var contract = Assert.Single((await admin.GetFromJsonAsync<List<ContractResponse>>("/api/contracts", JsonDefaults.Web))!);
        var returns = (await admin.ListAsync(contract.Id)).Returns;
        var today = UkCalendar.Today(TimeProvider.System);
        var endedMonths = Period.Between(Contracts.Measures.Frequency.Monthly, DemoData.MonitoredFrom, today).Count(p => p.End < today);
        Assert.Equal(endedMonths, returns.Count(r => r.MeasureCode == "B13"));

        // Sent back as the trust would send them, every figure passes the same rules as a real upload.
        var export = await admin.GetStringAsync($"/api/contracts/{contract.Id}/returns?format=csv");
        if (returns.Count > 0)
        {
            var response = await api.ClientFor(Role.Provider, DemoData.TrustCode).SubmitCsvAsync(contract.Id, export.TrimStart('\uFEFF'));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var challenge = Assert.Single((await admin.GetFromJsonAsync<ChallengeListResponse>($"/api/contracts/{contract.Id}/challenges", JsonDefaults.Web))!.Challenges);
            Assert.Equal(("B13", ChallengeStatus.Responded, 1), (challenge.MeasureCode, challenge.Status, challenge.Responses.Count));
        }
    }
}
