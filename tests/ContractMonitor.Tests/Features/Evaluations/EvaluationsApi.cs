using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Targets;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ContractMonitor.Tests.Features.Evaluations;

internal static class EvaluationsApi
{
    /// <summary>Every escalation of the contract, as the council reads them.</summary>
    public static async Task<IReadOnlyList<EscalationResponse>> EscalationsAsync(Scenario scenario) =>
        (await scenario.Commissioner.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations"))!.Escalations;

    /// <summary>An escalation's events in one line: "Raised 2026-05 L1, Escalated 2026-06 L2".</summary>
    public static string Story(EscalationResponse escalation) =>
        string.Join(", ", escalation.Events.Select(e => $"{e.Type} {e.Period} L{e.Level}"));

    public static async Task SetTargetAsync(this Scenario scenario, string code, string year, decimal target, decimal tolerance)
    {
        var response = await scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/{code}/targets/{year}",
            new SetTargetRequest(target, tolerance, "Annual review"), JsonDefaults.Web);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Runs the evaluation job's work for the contract directly, then sends the emails it wrote, as
    /// the dispatch it enqueues would. Tests about what an evaluation decides use this; only tests of
    /// the evaluate-now request and the job server go through <see cref="RequestEvaluationAsync"/>.
    /// </summary>
    public static async Task<EvaluationOutcome> EvaluateAsync(this Scenario scenario)
    {
        var services = scenario.Api.Services;
        var outcome = await services.GetRequiredService<ContractEvaluator>().EvaluateContractAsync(scenario.ContractId, CancellationToken.None);
        if (outcome.NotificationsWritten > 0)
        {
            await services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);
        }

        return outcome;
    }

    /// <summary>Asks for an evaluation over HTTP and waits until the in-process job server has answered it.</summary>
    public static async Task<EvaluationRequestResponse> RequestEvaluationAsync(this Scenario scenario)
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
