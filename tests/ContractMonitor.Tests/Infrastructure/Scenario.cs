using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Periods;

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

    /// <param name="monitoredFrom">
    /// Left out, the contract is monitored from its start, so every past period without a figure is
    /// Missing and every escalation is news: what most tests about other things want. Tests of
    /// back-loading pass the day monitoring really began.
    /// </param>
    public static async Task<Scenario> CreateAsync(
        ApiFactory api, DateOnly? start = null, DateOnly? end = null, EscalationPolicyRequest? policy = null, DateOnly? monitoredFrom = null,
        bool? requireAcceptance = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var council = UniqueCode("council");
        var trust = UniqueCode("trust");
        var admin = api.ClientFor(Role.Admin, council, "alice.admin");
        await PostOk(admin, "/api/organisations", new CreateOrganisationRequest(council, "Test Council", OrganisationKind.Council));
        await PostOk(admin, "/api/organisations", new CreateOrganisationRequest(trust, "Test Trust", OrganisationKind.Provider));
        var response = await admin.PostAsJsonAsync("/api/contracts", new CreateContractRequest(
            UniqueCode("REF"), "Children's social care", trust, start ?? new DateOnly(2016, 4, 1), end, null, null, policy,
            monitoredFrom ?? start ?? new DateOnly(2016, 4, 1), requireAcceptance), JsonDefaults.Web);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var contract = (await response.Content.ReadFromJsonAsync<ContractResponse>(JsonDefaults.Web))!;
        return new Scenario(api, council, trust, contract);
    }

    /// <param name="startPeriod">
    /// Left out, returns are owed from the contract's first period, so tests can send figures for any
    /// period of the term; "default" leaves the start to the api (the period containing today).
    /// </param>
    public async Task<MeasureResponse> AddMeasureAsync(
        string code, Polarity polarity = Polarity.HigherIsBetter, MeasureUnit unit = MeasureUnit.Percent, int decimals = 1,
        Frequency frequency = Frequency.Monthly, string? startPeriod = null, Rollup? rollup = null, string category = "Category")
    {
        var start = startPeriod switch
        {
            null => Period.Containing(frequency, Contract.StartDate).ToString(),
            "default" => null,
            _ => startPeriod,
        };
        var response = await Admin.PostAsJsonAsync($"/api/contracts/{ContractId}/measures",
            new CreateMeasureRequest(code, $"Measure {code}", "Definition", category, unit, polarity, frequency, decimals, start, rollup),
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
