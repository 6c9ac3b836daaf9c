using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Contracts;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Core.Access;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>A council, its trust and a contract between them, made through the HTTP API.</summary>
public sealed record Scenario(ApiFactory Api, string Council, string Trust, ContractResponse Contract)
{
    public long ContractId => Contract.Id;

    public HttpClient Admin => Api.ClientFor(Role.Admin, Council, "alice.admin");

    public HttpClient Commissioner => Api.ClientFor(Role.Commissioner, Council, "carol.commissioner");

    public HttpClient Panel => Api.ClientFor(Role.Panel, Council, "cllr.panel");

    public HttpClient Provider => Api.ClientFor(Role.Provider, Trust, "pat.provider");

    public static string UniqueCode(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public static async Task<Scenario> CreateAsync(
        ApiFactory api, DateOnly? start = null, DateOnly? end = null, EscalationPolicyRequest? policy = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var council = UniqueCode("council");
        var trust = UniqueCode("trust");
        var admin = api.ClientFor(Role.Admin, council, "alice.admin");
        await PostOk(admin, "/api/organisations", new CreateOrganisationRequest(council, "Test Council", OrganisationKind.Council));
        await PostOk(admin, "/api/organisations", new CreateOrganisationRequest(trust, "Test Trust", OrganisationKind.Provider));
        var response = await admin.PostAsJsonAsync("/api/contracts", new CreateContractRequest(
            UniqueCode("REF"), "Children's social care", trust, start ?? new DateOnly(2016, 4, 1), end, null, null, policy),
            JsonDefaults.Web);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var contract = (await response.Content.ReadFromJsonAsync<ContractResponse>(JsonDefaults.Web))!;
        return new Scenario(api, council, trust, contract);
    }

    public async Task<MeasureResponse> AddMeasureAsync(
        string code, Polarity polarity = Polarity.HigherIsBetter, MeasureUnit unit = MeasureUnit.Percent, int decimals = 1,
        Frequency frequency = Frequency.Monthly)
    {
        var response = await Admin.PostAsJsonAsync($"/api/contracts/{ContractId}/measures",
            new CreateMeasureRequest(code, $"Measure {code}", "Definition", "Category", unit, polarity, frequency, decimals),
            JsonDefaults.Web);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MeasureResponse>(JsonDefaults.Web))!;
    }

    private static async Task PostOk<T>(HttpClient client, string url, T body)
    {
        var response = await client.PostAsJsonAsync(url, body, JsonDefaults.Web);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
