using System.Net;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Claims;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.SplitScreen;

/// <summary>
/// DESIGN §4 for the two voices: each side writes only its own voice (403 for the other side and
/// for the panel), another organisation gets 404 everywhere, and a refusal writes nothing.
/// </summary>
public sealed class VoicesAccessTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private async Task<(Scenario Scenario, ChallengeDetail Challenge)> ArrangeAsync()
    {
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 52m))).EnsureSuccessStatusCode();
        var challenge = await scenario.ChallengeAsync("A1", "2026-07", "Why?");
        return (scenario, challenge);
    }

    public static TheoryData<Role, string> OtherSidesWrites() => new()
    {
        { Role.Commissioner, "claim" }, { Role.Admin, "claim" }, { Role.Panel, "claim" },
        { Role.Provider, "challenge" }, { Role.Panel, "challenge" },
        { Role.Commissioner, "respond" }, { Role.Admin, "respond" }, { Role.Panel, "respond" },
        { Role.Provider, "close" }, { Role.Panel, "close" },
    };

    [Theory]
    [MemberData(nameof(OtherSidesWrites))]
    public async Task NobodyWritesTheOtherSidesVoice(Role role, string write)
    {
        var (scenario, challenge) = await ArrangeAsync();
        var org = role == Role.Provider ? scenario.Trust : scenario.Council;
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await Send(api.ClientFor(role, org), scenario.ContractId, challenge.Id, write);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains($"The {role} role may not do this", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    public static TheoryData<Role, string> Everything() => new()
    {
        { Role.Provider, "claim" }, { Role.Commissioner, "challenge" }, { Role.Admin, "challenge" },
        { Role.Provider, "respond" }, { Role.Commissioner, "close" }, { Role.Admin, "close" },
        { Role.Panel, "read-challenge" }, { Role.Provider, "read-challenge" }, { Role.Commissioner, "list-challenges" },
        { Role.Panel, "list-claims" }, { Role.Panel, "split-screen" }, { Role.Provider, "split-screen" },
    };

    /// <summary>A council or trust with no part in the contract cannot tell it, or its challenges, exist.</summary>
    [Theory]
    [MemberData(nameof(Everything))]
    public async Task AnotherOrganisationGetsNotFound(Role role, string action)
    {
        var (scenario, challenge) = await ArrangeAsync();
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await Send(api.ClientFor(role, Scenario.UniqueCode("elsewhere")), scenario.ContractId, challenge.Id, action);

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task EveryWriteIsAudited()
    {
        var (scenario, challenge) = await ArrangeAsync();
        await scenario.ClaimAsync("A1", "2026-07", "Context for the panel.");
        await scenario.RespondAsync(challenge.Id, "Here is why.");
        await scenario.CloseAsync(challenge.Id, ChallengeOutcome.Agreed, null);

        var audit = await scenario.Admin.GetStringAsync($"/api/contracts/{scenario.ContractId}/audit");

        foreach (var action in new[] { "challenge.created", "claim.created", "challenge.responded", "challenge.closed" })
        {
            Assert.Contains($"\"action\":\"{action}\"", audit, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnonymousCallersAreRefused()
    {
        var (scenario, challenge) = await ArrangeAsync();

        var response = await api.CreateClient().PostJsonAsync($"/api/challenges/{challenge.Id}/close", new CloseChallengeRequest(ChallengeOutcome.Agreed, null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ChallengeStatus.Open, (await scenario.Commissioner.GetAsync<ChallengeDetail>($"/api/challenges/{challenge.Id}"))!.Status);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, long contractId, long challengeId, string action) => action switch
    {
        "claim" => client.PostJsonAsync($"/api/contracts/{contractId}/claims", new CreateClaimRequest("A1", "2026-07", "Our account.")),
        "challenge" => client.PostJsonAsync($"/api/contracts/{contractId}/challenges", new CreateChallengeRequest("A1", "2026-07", "Why?", null)),
        "respond" => client.PostJsonAsync($"/api/challenges/{challengeId}/responses", new RespondToChallengeRequest("Because.")),
        "close" => client.PostJsonAsync($"/api/challenges/{challengeId}/close", new CloseChallengeRequest(ChallengeOutcome.Agreed, null)),
        "read-challenge" => client.GetAsync($"/api/challenges/{challengeId}"),
        "list-challenges" => client.GetAsync($"/api/contracts/{contractId}/challenges"),
        "list-claims" => client.GetAsync($"/api/contracts/{contractId}/claims"),
        "split-screen" => client.GetAsync($"/api/contracts/{contractId}/split-screen"),
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };
}
