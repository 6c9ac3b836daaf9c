using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Audit;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Features.Contracts;

public sealed class ContractsEndpointsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AdminCreatesContractWithDefaultPolicyAndLocation()
    {
        var scenario = await Scenario.CreateAsync(api);

        var response = await scenario.Admin.GetAsync($"/api/contracts/{scenario.ContractId}");
        var contract = await response.Content.ReadFromJsonAsync<ContractResponse>(JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(scenario.Council, contract!.CommissionerCode);
        Assert.Equal(scenario.Trust, contract.ProviderCode);
        Assert.Equal(15, contract.ReturnDueDays);
        Assert.Equal(10, contract.SmallCohort);
        Assert.Equal(new EscalationPolicy(2, 2, 3, contract.EscalationPolicy.Ladder), contract.EscalationPolicy);
        Assert.Equal(
            ["Contract manager challenge meeting", "Director", "Scrutiny panel", "Department for Education"],
            contract.EscalationPolicy.Ladder.Select(l => l.Name));
    }

    [Fact]
    public async Task CreatedAnswerCarriesLocationOfTheNewContract()
    {
        var council = Scenario.UniqueCode("council");
        var trust = Scenario.UniqueCode("trust");
        var admin = api.ClientFor(Role.Admin, council);
        await admin.PostAsJsonAsync("/api/organisations", new CreateOrganisationRequest(council, "C", OrganisationKind.Council), JsonDefaults.Web);
        await admin.PostAsJsonAsync("/api/organisations", new CreateOrganisationRequest(trust, "T", OrganisationKind.Provider), JsonDefaults.Web);

        var response = await admin.PostAsJsonAsync("/api/contracts", new CreateContractRequest(
            "DCST-1", "Care", trust, new DateOnly(2016, 10, 1), new DateOnly(2026, 3, 31), 20, 5,
            new EscalationPolicyRequest(3, 1, 4, [new(1, "Meeting"), new(2, "Director", " director@council.example ")])), JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<ContractResponse>(JsonDefaults.Web);
        Assert.Equal($"/api/contracts/{created!.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(new EscalationPolicy(3, 1, 4, created.EscalationPolicy.Ladder), created.EscalationPolicy);
        Assert.Equal([new LadderLevel(1, "Meeting"), new LadderLevel(2, "Director", "director@council.example")], created.EscalationPolicy.Ladder);
        var read = await admin.GetFromJsonAsync<ContractResponse>($"/api/contracts/{created.Id}", JsonDefaults.Web);
        Assert.Equal(created.EscalationPolicy.Ladder, read!.EscalationPolicy.Ladder);
        Assert.Equal(20, created.ReturnDueDays);
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.Commissioner)]
    [InlineData(Role.Provider)]
    [InlineData(Role.Panel)]
    public async Task ContractOfAnotherOrganisationIsNotFoundForEveryRole(Role role)
    {
        var scenario = await Scenario.CreateAsync(api);
        var outsider = api.ClientFor(role, Scenario.UniqueCode("elsewhere"));

        var response = await outsider.GetAsync($"/api/contracts/{scenario.ContractId}");
        var missing = await outsider.GetAsync("/api/contracts/999999");

        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        var missingProblem = await missing.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(problem.GetProperty("detail").GetString(), missingProblem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(Role.Commissioner)]
    [InlineData(Role.Panel)]
    [InlineData(Role.Provider)]
    public async Task EachSideOfTheContractCanReadIt(Role role)
    {
        var scenario = await Scenario.CreateAsync(api);
        var client = role == Role.Provider ? scenario.Provider : api.ClientFor(role, scenario.Council);

        var response = await client.GetAsync($"/api/contracts/{scenario.ContractId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ProviderOfTheSameNameAsCouncilRoleSeesNothing()
    {
        // A council-side role in the trust's organisation does not make the trust a commissioner.
        var scenario = await Scenario.CreateAsync(api);
        var response = await api.ClientFor(Role.Commissioner, scenario.Trust).GetAsync($"/api/contracts/{scenario.ContractId}");
        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ListShowsOnlyContractsTheCallerCanSee()
    {
        var mine = await Scenario.CreateAsync(api);
        var theirs = await Scenario.CreateAsync(api);

        var councilList = await mine.Commissioner.GetFromJsonAsync<List<ContractResponse>>("/api/contracts", JsonDefaults.Web);
        var trustList = await theirs.Provider.GetFromJsonAsync<List<ContractResponse>>("/api/contracts", JsonDefaults.Web);

        Assert.Equal([mine.ContractId], councilList!.Select(c => c.Id));
        Assert.Equal([theirs.ContractId], trustList!.Select(c => c.Id));
    }

    [Theory]
    [InlineData(Role.Commissioner)]
    [InlineData(Role.Provider)]
    [InlineData(Role.Panel)]
    public async Task OnlyAnAdminCreatesContracts(Role role)
    {
        var scenario = await Scenario.CreateAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await api.ClientFor(role, scenario.Council).PostAsJsonAsync("/api/contracts",
            new CreateContractRequest("X-1", "T", scenario.Trust, new DateOnly(2016, 4, 1), null, null, null, null), JsonDefaults.Web);

        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task AnonymousCallerGets401Problem()
    {
        var response = await api.CreateClient().GetAsync("/api/contracts");
        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task UnknownProviderIsRejectedAndNothingIsWritten()
    {
        var scenario = await Scenario.CreateAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Admin.PostAsJsonAsync("/api/contracts",
            new CreateContractRequest("X-2", "T", "no-such-trust", new DateOnly(2016, 4, 1), null, null, null, null), JsonDefaults.Web);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no-such-trust", problem.ErrorsFor("providerCode")[0], StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task UnregisteredCouncilIsToldToRegisterFirst()
    {
        var scenario = await Scenario.CreateAsync(api);
        var stranger = api.ClientFor(Role.Admin, Scenario.UniqueCode("unregistered"));

        var response = await stranger.PostAsJsonAsync("/api/contracts",
            new CreateContractRequest("X-3", "T", scenario.Trust, new DateOnly(2016, 4, 1), null, null, null, null), JsonDefaults.Web);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("POST /api/organisations", problem.ErrorsFor("commissionerCode")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondContractWithTheSameReferenceIsAConflictWhateverTheCase()
    {
        var scenario = await Scenario.CreateAsync(api);
        var request = new CreateContractRequest(scenario.Contract.Reference.ToLowerInvariant(), "T", scenario.Trust,
            new DateOnly(2016, 4, 1), null, null, null, null);

        var response = await scenario.Admin.PostAsJsonAsync("/api/contracts", request, JsonDefaults.Web);

        await response.ReadProblemAsync(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("""{"title":"T","providerCode":"trust-a","startDate":"2016-04-01"}""", "reference")]
    [InlineData("""{"reference":"R","title":"  ","providerCode":"trust-a","startDate":"2016-04-01"}""", "title")]
    [InlineData("""{"reference":"R","title":"T","providerCode":"trust a","startDate":"2016-04-01"}""", "providerCode")]
    [InlineData("""{"reference":"R","title":"T","providerCode":"trust-a"}""", "startDate")]
    [InlineData("""{"reference":"R","title":"T","providerCode":"trust-a","startDate":"2016-04-01","endDate":"2016-03-31"}""", "endDate")]
    [InlineData("""{"reference":"R","title":"T","providerCode":"trust-a","startDate":"2016-04-01","returnDueDays":-1}""", "returnDueDays")]
    [InlineData("""{"reference":"R","title":"T","providerCode":"trust-a","startDate":"2016-04-01","smallCohort":0}""", "smallCohort")]
    [InlineData("""{"reference":"R","title":"T","providerCode":"trust-a","startDate":"2016-04-01","escalationPolicy":{"raiseAfter":0}}""", "escalationPolicy.raiseAfter")]
    [InlineData("""{"reference":"R","title":"T","providerCode":"trust-a","startDate":"2016-04-01","escalationPolicy":{"declineRunLength":1}}""", "escalationPolicy.declineRunLength")]
    [InlineData("""{"reference":"R","title":"T","providerCode":"trust-a","startDate":"2016-04-01","escalationPolicy":{"ladder":[{"level":1,"name":"A"},{"level":3,"name":"B"}]}}""", "escalationPolicy.ladder")]
    [InlineData("""{"reference":"R","title":"T","providerCode":"trust-a","startDate":"2016-04-01","escalationPolicy":{"ladder":[{"level":1,"name":""}]}}""", "escalationPolicy.ladder[0].name")]
    [InlineData("""{"reference":"R","title":"T","providerCode":"trust-a","startDate":"2016-04-01","escalationPolicy":{"ladder":[null]}}""", "escalationPolicy.ladder[0]")]
    [InlineData("""{"reference":"R\u0000","title":"T","providerCode":"trust-a","startDate":"2016-04-01"}""", "reference")]
    public async Task InvalidContractIsRefusedNamingTheField(string body, string field)
    {
        var scenario = await Scenario.CreateAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Admin.PostAsync("/api/contracts", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor(field));
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task CreatingAContractIsAuditedWithActorAndState()
    {
        var scenario = await Scenario.CreateAsync(api);

        var audit = await scenario.Admin.GetFromJsonAsync<List<AuditEntryResponse>>(
            $"/api/contracts/{scenario.ContractId}/audit", JsonDefaults.Web);

        var entry = Assert.Single(audit!, a => a.Action == "contract.created");
        Assert.Equal("alice.admin", entry.Actor);
        Assert.Equal(scenario.Council, entry.ActorOrg);
        Assert.Null(entry.Before);
        Assert.Equal(scenario.Contract.Reference, JsonDocument.Parse(entry.After!).RootElement.GetProperty("reference").GetString());
        Assert.True(DateTimeOffset.UtcNow - entry.OccurredAt < TimeSpan.FromMinutes(5));
        Assert.Equal(TimeSpan.Zero, entry.OccurredAt.Offset);
    }

    [Fact]
    public async Task ProviderMayNotReadTheAuditTrail()
    {
        var scenario = await Scenario.CreateAsync(api);
        var response = await scenario.Provider.GetAsync($"/api/contracts/{scenario.ContractId}/audit");
        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
    }
}
