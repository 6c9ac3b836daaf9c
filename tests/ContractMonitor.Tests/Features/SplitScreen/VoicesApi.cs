using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Claims;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Features.SplitScreen;

/// <summary>Calls of the claims, challenges and split-screen endpoints that are expected to succeed.</summary>
public static class VoicesApi
{
    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, JsonDefaults.Web);

    public static async Task<ClaimResponse> ClaimAsync(this Scenario scenario, string code, string period, string text) =>
        await CreatedAsync<ClaimResponse>(await scenario.Provider.PostJsonAsync(
            $"/api/contracts/{scenario.ContractId}/claims", new CreateClaimRequest(code, period, text)));

    public static async Task<ChallengeDetail> ChallengeAsync(
        this Scenario scenario, string code, string period, string text, DateOnly? due = null) =>
        await CreatedAsync<ChallengeDetail>(await scenario.Commissioner.PostJsonAsync(
            $"/api/contracts/{scenario.ContractId}/challenges", new CreateChallengeRequest(code, period, text, due)));

    public static async Task<ChallengeDetail> RespondAsync(this Scenario scenario, long challengeId, string text) =>
        await CreatedAsync<ChallengeDetail>(await scenario.Provider.PostJsonAsync(
            $"/api/challenges/{challengeId}/responses", new RespondToChallengeRequest(text)));

    public static async Task<ChallengeDetail> CloseAsync(this Scenario scenario, long challengeId, ChallengeOutcome outcome, string? note)
    {
        var response = await scenario.Commissioner.PostJsonAsync($"/api/challenges/{challengeId}/close", new CloseChallengeRequest(outcome, note));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<ChallengeDetail>(body, JsonDefaults.Web)!;
    }

    private static async Task<T> CreatedAsync<T>(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        Assert.NotNull(response.Headers.Location);
        return System.Text.Json.JsonSerializer.Deserialize<T>(body, JsonDefaults.Web)!;
    }
}
