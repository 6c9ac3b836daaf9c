using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Auth;

/// <summary>An api configured for Entra ID: organisations mapped from a tenant and from groups.</summary>
public sealed class EntraApiFactory : ApiFactory
{
    public const string CouncilTenant = "6f1c2a9e-0000-4000-8000-00000000c0c1";
    public const string TrustGroup = "b2d7e1f0-0000-4000-8000-00000000a1a1";
    public const string OtherTrustGroup = "b2d7e1f0-0000-4000-8000-00000000a2a2";

    public string Council { get; } = Scenario.UniqueCode("council");

    public string Trust { get; } = Scenario.UniqueCode("trust");

    private Task<long>? contract;

    /// <summary>One contract between the mapped council and trust, made once by an ordinary Admin token.</summary>
    public Task<long> ContractAsync() => contract ??= CreateContractAsync();

    private async Task<long> CreateContractAsync()
    {
        var admin = ClientFor(Role.Admin, Council, "alice.admin");
        (await admin.PostAsJsonAsync("/api/organisations", new CreateOrganisationRequest(Council, "Council", OrganisationKind.Council), JsonDefaults.Web))
            .EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/organisations", new CreateOrganisationRequest(Trust, "Trust", OrganisationKind.Provider), JsonDefaults.Web))
            .EnsureSuccessStatusCode();
        var created = await admin.PostAsJsonAsync("/api/contracts",
            new CreateContractRequest("ENTRA-1", "Children's social care", Trust, new DateOnly(2026, 4, 1), null, null, null, null), JsonDefaults.Web);
        created.EnsureSuccessStatusCode();
        return (await created.Content.ReadFromJsonAsync<ContractResponse>(JsonDefaults.Web))!.Id;
    }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"Authentication:Claims:OrganisationsByTenant:{CouncilTenant}"] = Council,
        [$"Authentication:Claims:OrganisationsByGroup:{TrustGroup}"] = Trust,
        [$"Authentication:Claims:OrganisationsByGroup:{OtherTrustGroup}"] = "another-trust",
    };
}

/// <summary>
/// Issue 17: tokens shaped as Entra ID issues them (app roles in a <c>roles</c> array, the tenant in
/// <c>tid</c>, <c>groups</c>) are callers like any other; one that names no organisation is told why.
/// </summary>
public sealed class EntraTokenTests(EntraApiFactory api) : IClassFixture<EntraApiFactory>
{
    /// <summary>A token as Entra ID shapes it: the app role in a <c>roles</c> array, and whichever of org, tenant and groups are given.</summary>
    private static string Token(string role, string? org = null, string? tenant = null, IReadOnlyList<string>? groups = null)
    {
        var claims = new Dictionary<string, object> { ["roles"] = new[] { role }, ["preferred_username"] = "someone@council.example" };
        if (org is not null)
        {
            claims["org"] = org;
        }

        if (tenant is not null)
        {
            claims["tid"] = tenant;
        }

        if (groups is not null)
        {
            claims["groups"] = groups.ToArray();
        }

        return TestTokens.Create(claims);
    }

    private static readonly string[] TrustGroups = ["not-mapped", EntraApiFactory.TrustGroup];
    private static readonly string[] OtherTrustGroups = [EntraApiFactory.OtherTrustGroup];
    private static readonly string[] BothTrustGroups = [EntraApiFactory.TrustGroup, EntraApiFactory.OtherTrustGroup];

    private HttpClient Client(string token) => api.ClientWithToken(token);

    [Fact]
    public async Task AnAppRoleInARolesArrayAndTheCouncilFromTheTenantMakeACaller()
    {
        var contractId = await api.ContractAsync();
        var officer = Client(Token("Commissioner", tenant: EntraApiFactory.CouncilTenant));

        var status = await officer.GetAsync($"/api/contracts/{contractId}/status");
        var create = await officer.PostAsJsonAsync("/api/organisations",
            new CreateOrganisationRequest("x-council", "X", OrganisationKind.Council), JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        // A Commissioner, not an Admin: the role came from the array and nothing more.
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task AnAdminAppRoleWithAnOrgClaimIsAnAdmin()
    {
        var admin = Client(Token("Admin", org: api.Council));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/organisations")).StatusCode);
    }

    [Fact]
    public async Task TheTrustIsFoundFromItsGroupAndSeesItsContract()
    {
        var contractId = await api.ContractAsync();
        var trust = Client(Token("Provider", groups: TrustGroups));
        var stranger = Client(Token("Provider", groups: OtherTrustGroups));

        Assert.Equal(HttpStatusCode.OK, (await trust.GetAsync($"/api/contracts/{contractId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/contracts/{contractId}")).StatusCode);
    }

    [Fact]
    public async Task ATokenThatNamesNoOrganisationIs401AndSaysWhy()
    {
        var response = await Client(Token("Admin", tenant: "an-unknown-tenant")).GetAsync("/api/contracts");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("names no organisation", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupsThatMapToTwoOrganisationsAre401()
    {
        var response = await Client(Token("Provider", groups: BothTrustGroups)).GetAsync("/api/contracts");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("more than one organisation", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
