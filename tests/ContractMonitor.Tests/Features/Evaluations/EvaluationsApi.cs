using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Targets;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Features.Evaluations;

public static class EvaluationsApi
{
    public static async Task SetTargetAsync(this Scenario scenario, string code, string year, decimal target, decimal tolerance)
    {
        var response = await scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/{code}/targets/{year}",
            new SetTargetRequest(target, tolerance, "Annual review"), JsonDefaults.Web);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Asks for an evaluation and waits until the in-process job server has answered it.</summary>
    public static async Task<EvaluationRequestResponse> EvaluateAsync(this Scenario scenario)
    {
        var response = await scenario.Commissioner.PostAsync($"/api/contracts/{scenario.ContractId}/evaluations", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        return (await Eventually.ReadAsync(
            () => scenario.Commissioner.GetFromJsonAsync<EvaluationRequestResponse>(location, JsonDefaults.Web),
            request => request!.Status == EvaluationRequestStatus.Completed, $"the evaluation at {location}"))!;
    }

    public static Task<T?> GetAsync<T>(this HttpClient client, string url) => client.GetFromJsonAsync<T>(url, JsonDefaults.Web);
}
