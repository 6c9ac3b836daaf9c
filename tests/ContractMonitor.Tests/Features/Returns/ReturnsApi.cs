using System.Net;
using System.Net.Http.Json;
using System.Text;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Features.Returns;

/// <summary>Calls of the returns endpoints, and a scenario with one measure of each kind.</summary>
public static class ReturnsApi
{
    /// <summary>Percent to 1 place (monthly), Count (monthly), Percent quarterly, Number annual.</summary>
    public static async Task<Scenario> ScenarioWithMeasuresAsync(ApiFactory api, DateOnly? start = null, DateOnly? end = null)
    {
        var scenario = await Scenario.CreateAsync(api, start, end);
        await scenario.AddMeasureAsync("A1", unit: MeasureUnit.Percent, decimals: 1);
        await scenario.AddMeasureAsync("C2", polarity: Polarity.LowerIsBetter, unit: MeasureUnit.Count, decimals: 0);
        await scenario.AddMeasureAsync("Q1", unit: MeasureUnit.Percent, decimals: 0, frequency: Frequency.Quarterly);
        await scenario.AddMeasureAsync("Y1", unit: MeasureUnit.Number, decimals: 2, frequency: Frequency.Annual);
        return scenario;
    }

    public static ReturnRowRequest Row(string code, string period, decimal value, decimal? numerator = null, decimal? denominator = null, string? commentary = null) =>
        new(code, period, value, numerator, denominator, commentary);

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, long contractId, string? key, params ReturnRowRequest[] rows) =>
        client.SendAsync(Request(contractId, JsonContent.Create(new SubmitReturnsRequest(rows), options: JsonDefaults.Web), key));

    public static Task<HttpResponseMessage> SubmitJsonAsync(this HttpClient client, long contractId, string json, string? key = null) =>
        client.SendAsync(Request(contractId, new StringContent(json, Encoding.UTF8, "application/json"), key));

    public static Task<HttpResponseMessage> SubmitCsvAsync(this HttpClient client, long contractId, string csv, string? key = null) =>
        client.SendAsync(Request(contractId, new StringContent(csv, Encoding.UTF8, "text/csv"), key));

    public static HttpRequestMessage Request(long contractId, HttpContent content, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/contracts/{contractId}/returns") { Content = content };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return request;
    }

    public static async Task<ReturnListResponse> ReadStoredAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {body}");
        return System.Text.Json.JsonSerializer.Deserialize<ReturnListResponse>(body, JsonDefaults.Web)!;
    }

    public static async Task<ReturnListResponse> ListAsync(this HttpClient client, long contractId, string query = "")
    {
        var response = await client.GetAsync($"/api/contracts/{contractId}/returns{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ReturnListResponse>(JsonDefaults.Web))!;
    }
}
