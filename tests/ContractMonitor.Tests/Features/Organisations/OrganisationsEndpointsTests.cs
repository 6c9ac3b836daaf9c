using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Features.Organisations;

public sealed class OrganisationsEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AdminRegistersOwnCouncilAndProvidersAndSeesNoOtherCouncil()
    {
        var scenario = await Scenario.CreateAsync(api);
        var other = await Scenario.CreateAsync(api);

        var list = await scenario.Admin.GetFromJsonAsync<List<OrganisationResponse>>("/api/organisations", JsonDefaults.Web);

        Assert.Contains(list!, o => o.Code == scenario.Council && o.Kind == OrganisationKind.Council);
        Assert.Contains(list!, o => o.Code == other.Trust && o.Kind == OrganisationKind.Provider);
        Assert.DoesNotContain(list!, o => o.Code == other.Council);
    }

    [Fact]
    public async Task CodeIsStoredLowerCaseAndADuplicateIsAConflict()
    {
        var admin = api.ClientFor(Role.Admin, "some-council");
        var code = Scenario.UniqueCode("Trust").ToUpperInvariant();

        var first = await admin.PostAsJsonAsync("/api/organisations", new CreateOrganisationRequest(code, "T", OrganisationKind.Provider), JsonDefaults.Web);
        var second = await admin.PostAsJsonAsync("/api/organisations", new CreateOrganisationRequest(code.ToLowerInvariant(), "T", OrganisationKind.Provider), JsonDefaults.Web);

        Assert.Equal(code.ToLowerInvariant(), (await first.Content.ReadFromJsonAsync<OrganisationResponse>(JsonDefaults.Web))!.Code);
        await second.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AdminCannotRegisterSomeoneElsesCouncil()
    {
        var response = await api.ClientFor(Role.Admin, "my-council").PostAsJsonAsync("/api/organisations",
            new CreateOrganisationRequest("their-council", "Theirs", OrganisationKind.Council), JsonDefaults.Web);
        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(Role.Commissioner)]
    [InlineData(Role.Provider)]
    [InlineData(Role.Panel)]
    public async Task OnlyAdminsManageOrganisations(Role role)
    {
        var client = api.ClientFor(role, "my-council");
        await (await client.GetAsync("/api/organisations")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync("/api/organisations",
            new CreateOrganisationRequest("x-trust", "X", OrganisationKind.Provider), JsonDefaults.Web)).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("", "Name", OrganisationKind.Provider, "code")]
    [InlineData("has space", "Name", OrganisationKind.Provider, "code")]
    [InlineData("-leading", "Name", OrganisationKind.Provider, "code")]
    [InlineData("ok-code", "", OrganisationKind.Provider, "name")]
    [InlineData("ok-code", "Name", null, "kind")]
    public async Task InvalidOrganisationIsRefusedNamingTheField(string code, string name, OrganisationKind? kind, string field)
    {
        var response = await api.ClientFor(Role.Admin, "my-council").PostAsJsonAsync("/api/organisations",
            new CreateOrganisationRequest(code, name, kind), JsonDefaults.Web);
        Assert.NotEmpty((await response.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor(field));
    }
}
