using System.Globalization;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Contracts.Targets;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Evaluations;
using Microsoft.Extensions.DependencyInjection;

namespace ContractMonitor.Benchmarks.StatusLoad;

/// <summary>
/// Issue 16: <c>GET …/status</c> for a 50-measure contract with 36 months of evaluated history,
/// through the real pipeline on real Kestrel (Production: authentication, logging at Warning, the
/// rate limit lifted), against a bare Kestrel endpoint doing one 50-row SQLite read of the same file
/// and returning JSON. Both are loaded by wrk in the same run, alternately, on the same machine.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project tests/ContractMonitor.Benchmarks -- status-load [seconds per round] [rounds]</c>
/// </remarks>
internal static class StatusLoad
{
    private const int Measures = 50;
    private const int Months = 36;
    private const int Connections = 16;
    private const int FixedRate = 500;
    private static readonly DateOnly Start = new(2023, 11, 1);

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        if (Wrk.Missing())
        {
            await Console.Error.WriteLineAsync("wrk is not installed (apt-get install wrk); the status load benchmark needs it.");
            return 2;
        }

        using var api = new BenchmarkApi();
        api.UseKestrel(0);
        var admin = api.ClientFor(Role.Admin, "bench-council");
        var contractId = await SeedAsync(api, admin);
        var statusUrl = new Uri(admin.BaseAddress!, $"api/contracts/{contractId}/status").ToString();
        // Everything was written just now, so an instant just after the seed knows all of it: the
        // past view then works every rating out again, the most it ever does for this contract.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var pastUrl = statusUrl + "?knownAt=" + DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await using var bare = await BareEndpoint.StartAsync(api.DatabasePath, contractId, Start.AddMonths(Months - 1).ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var token = BenchmarkApi.TokenFor(Role.Commissioner, "bench-council");

        // Each answers once before it is measured, so neither pays for its first request in the figures.
        foreach (var url in new[] { statusUrl, pastUrl, bare.Url })
        {
            using var check = await admin.GetAsync(url);
            check.EnsureSuccessStatusCode();
        }

        if (args.Contains("hold"))
        {
            // For probing by hand (wrk, dotnet-trace) against the same two servers; Enter stops them.
            Console.WriteLine($"status: {statusUrl}\nbare:   {bare.Url}\ntoken:  {token}");
            Console.ReadLine();
            return 0;
        }

        Console.WriteLine($"status: {statusUrl}\nbare:   {bare.Url}\n{Measures} measures x {Months} months; wrk -t2 -c{Connections} -d{seconds}s, {rounds} rounds alternating\n");
        await Wrk.RunAsync(bare.Url, token, Connections, 3, null);
        await Wrk.RunAsync(statusUrl, token, Connections, 3, null);
        var saturated = new List<(string Name, WrkResult Result)>();
        for (var round = 0; round < rounds; round++)
        {
            saturated.Add(("bare", await Wrk.RunAsync(bare.Url, token, Connections, seconds, null)));
            saturated.Add(("status", await Wrk.RunAsync(statusUrl, token, Connections, seconds, null)));
        }

        saturated.Add(("status, knownAt after the seed", await Wrk.RunAsync(pastUrl, token, Connections, seconds, null)));
        var paced = new List<(string Name, WrkResult Result)>
        {
            ("bare", await Wrk.RunAsync(bare.Url, token, 10, seconds, FixedRate)),
            ("status", await Wrk.RunAsync(statusUrl, token, 10, seconds, FixedRate)),
            ("status, knownAt after the seed", await Wrk.RunAsync(pastUrl, token, 10, seconds, FixedRate)),
        };

        Console.WriteLine($"| Endpoint, at {Connections} connections | Requests/s | p50 | p99 | non-2xx |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, r) in saturated)
        {
            Console.WriteLine(r.Row(name));
        }

        double Median(string name) => saturated.Where(s => s.Name == name).Select(s => s.Result.RequestsPerSecond).Order().ElementAt(rounds / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nstatus / bare, medians of {rounds} rounds: {Median("status"):N0} / {Median("bare"):N0} = {100 * Median("status") / Median("bare"):N0} %\n"));
        Console.WriteLine($"| Endpoint, paced at about {FixedRate}/s over 10 connections | Requests/s | p50 | p99 | non-2xx |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, r) in paced)
        {
            Console.WriteLine(r.Row(name));
        }

        return 0;
    }

    /// <summary>A council, its trust, the contract, 50 monthly measures with targets, 36 months of figures, evaluated.</summary>
    internal static async Task<long> SeedAsync(BenchmarkApi api, HttpClient admin)
    {
        await Ok(admin.PostAsJsonAsync("/api/organisations", new CreateOrganisationRequest("bench-council", "Council", OrganisationKind.Council), JsonDefaults.Web));
        await Ok(admin.PostAsJsonAsync("/api/organisations", new CreateOrganisationRequest("bench-trust", "Trust", OrganisationKind.Provider), JsonDefaults.Web));
        var created = await Ok(admin.PostAsJsonAsync("/api/contracts",
            new CreateContractRequest("BENCH", "Benchmark", "bench-trust", Start, null, null, null, null, Start), JsonDefaults.Web));
        var contractId = (await created.Content.ReadFromJsonAsync<ContractResponse>(JsonDefaults.Web))!.Id;
        for (var m = 0; m < Measures; m++)
        {
            await Ok(admin.PostAsJsonAsync($"/api/contracts/{contractId}/measures", new CreateMeasureRequest(
                $"M{m:D2}", $"Measure {m}", null, null, MeasureUnit.Percent, m % 2 == 0 ? Polarity.HigherIsBetter : Polarity.LowerIsBetter,
                Frequency.Monthly, 1, "2023-11"), JsonDefaults.Web));
            foreach (var year in new[] { "2023-24", "2024-25", "2025-26", "2026-27" })
            {
                var (target, tolerance) = m % 2 == 0 ? (60m, 55m) : (40m, 45m);
                await Ok(admin.PutAsJsonAsync($"/api/contracts/{contractId}/measures/M{m:D2}/targets/{year}",
                    new SetTargetRequest(target, tolerance, "Annual review"), JsonDefaults.Web));
            }
        }

        var provider = api.ClientFor(Role.Provider, "bench-trust");
        var rows = (from m in Enumerable.Range(0, Measures)
                    from month in Enumerable.Range(0, Months)
                    let value = 40m + ((m * 7 + month * 13) % 30)
                    select new ReturnRowRequest($"M{m:D2}", Start.AddMonths(month).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                        value, null, null, "A claim of an ordinary length about the month's figure.")).ToList();
        await Ok(provider.PostAsJsonAsync($"/api/contracts/{contractId}/returns", new SubmitReturnsRequest(rows), JsonDefaults.Web));
        var outcome = await api.Services.GetRequiredService<ContractEvaluator>().EvaluateContractAsync(contractId, CancellationToken.None);
        Console.WriteLine($"seeded: {outcome.EvaluationsWritten} ratings, {outcome.EscalationsWritten} escalations, {outcome.EventsWritten} events");
        return contractId;
    }

    private static async Task<HttpResponseMessage> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return response;
    }
}
