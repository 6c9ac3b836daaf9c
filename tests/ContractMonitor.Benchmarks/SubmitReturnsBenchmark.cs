using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using BenchmarkDotNet.Attributes;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Access;

namespace ContractMonitor.Benchmarks;

/// <summary>
/// Time to accept a 1,000-row batch (20 measures × 50 months) through the whole HTTP pipeline on
/// SQLite: JSON or CSV reading, validation of every row, and one transaction that writes 1,000
/// revisions, 1,000 audit rows and 1,000 evaluation marks. Each call revises the same figures, so
/// the figures' history grows through the run as it would in use.
/// </summary>
[Config(typeof(InProcessMonitoring))]
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifetime: GlobalCleanup disposes.")]
public class SubmitReturnsBenchmark
{
    private const int Measures = 20;
    private const int Months = 50;

    private BenchmarkApi api = null!;
    private HttpClient provider = null!;
    private long contractId;
    // Two versions of each body, sent in turn: a row that repeats the figure that counts is not a
    // revision (issue 16), so every call must change every figure to write what it did before.
    private readonly string[] json = ["", ""];
    private readonly string[] csv = ["", ""];
    private int calls;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        api = new BenchmarkApi();
        var admin = api.ClientFor(Role.Admin, "bench-council");
        await Ok(admin.PostAsJsonAsync("/api/organisations", new CreateOrganisationRequest("bench-council", "Council", OrganisationKind.Council), JsonDefaults.Web));
        await Ok(admin.PostAsJsonAsync("/api/organisations", new CreateOrganisationRequest("bench-trust", "Trust", OrganisationKind.Provider), JsonDefaults.Web));
        var created = await Ok(admin.PostAsJsonAsync("/api/contracts",
            new CreateContractRequest("BENCH", "Benchmark", "bench-trust", new DateOnly(2016, 4, 1), null, null, null, null), JsonDefaults.Web));
        contractId = (await created.Content.ReadFromJsonAsync<ContractResponse>(JsonDefaults.Web))!.Id;
        for (var m = 0; m < Measures; m++)
        {
            await Ok(admin.PostAsJsonAsync($"/api/contracts/{contractId}/measures", new CreateMeasureRequest(
                $"M{m:D2}", $"Measure {m}", null, null, MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Monthly, 1, "2016-04"), JsonDefaults.Web));
        }

        var rows = (from m in Enumerable.Range(0, Measures)
                    from month in Enumerable.Range(0, Months)
                    let period = new DateOnly(2016, 4, 1).AddMonths(month)
                    select new ReturnRowRequest($"M{m:D2}", period.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                        Math.Round(100m * (month + 1) / (month + 2), 1, MidpointRounding.AwayFromZero), month + 1, month + 2,
                        "Commentary of an ordinary length that explains the month's figure to the panel.")).ToList();
        for (var version = 0; version < 2; version++)
        {
            var sent = rows.Select(r => r with { Commentary = $"{r.Commentary} ({version})" }).ToList();
            json[version] = System.Text.Json.JsonSerializer.Serialize(new SubmitReturnsRequest(sent), JsonDefaults.Web);
            var text = new StringBuilder("measureCode,period,value,numerator,denominator,commentary\n");
            foreach (var r in sent)
            {
                text.Append(CultureInfo.InvariantCulture, $"{r.MeasureCode},{r.Period},{r.Value},{r.Numerator},{r.Denominator},{r.Commentary}\n");
            }

            csv[version] = text.ToString();
        }

        provider = api.ClientFor(Role.Provider, "bench-trust");
    }

    [Benchmark(Description = "1,000-row JSON batch")]
    public Task SubmitJson() => Submit(new StringContent(json[calls++ % 2], Encoding.UTF8, "application/json"));

    [Benchmark(Description = "1,000-row CSV batch")]
    public Task SubmitCsv() => Submit(new StringContent(csv[calls++ % 2], Encoding.UTF8, "text/csv"));

    [GlobalCleanup]
    public void Cleanup()
    {
        provider.Dispose();
        api.Dispose();
    }

    private async Task Submit(HttpContent content)
    {
        using var response = await provider.PostAsync($"/api/contracts/{contractId}/returns", content);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        return response.IsSuccessStatusCode
            ? response
            : throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
