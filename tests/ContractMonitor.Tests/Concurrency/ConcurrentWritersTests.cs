using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Returns;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Tests.Concurrency;

/// <summary>
/// Fifty trust clients send batches at once, each batch with its own Idempotency-Key and each sent
/// again while the first attempt is still in flight (a client that timed out and retried) and once
/// more after it answered; ten council officers write challenges on the same measures meanwhile.
/// The figures must come out as one row per accepted return, with one revision number each.
/// </summary>
public sealed class ConcurrentWritersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const int TrustClients = 50;
    private const int BatchesPerClient = 4;
    private const int Officers = 10;
    private const int ChallengesPerOfficer = 5;
    private static readonly string[] Periods = ["2016-04", "2016-05", "2016-06", "2016-07", "2016-08", "2016-09"];

    private const string StoredReturnsSql = """
        SELECT m.Code AS MeasureCode, r.Period, r.Revision, CAST(r.Value AS REAL) AS Value
        FROM Returns r JOIN Measures m ON m.Id = r.MeasureId
        WHERE m.ContractId = @ContractId
        """;

    [Fact]
    public async Task EveryAcceptedReturnIsStoredOnceWithItsOwnRevisionAndEveryChallengeOnce()
    {
        var scenario = await ReturnsApi.ScenarioWithMeasuresAsync(api, start: new DateOnly(2016, 4, 1));
        var random = new Random(50);
        var plans = Enumerable.Range(0, TrustClients).Select(client => Enumerable.Range(0, BatchesPerClient).Select(batch =>
            (Key: $"client-{client}-batch-{batch}", Rows: Enumerable.Range(0, random.Next(1, 4)).Select(_ => random.Next(2) == 0
                ? ReturnsApi.Row("A1", Periods[random.Next(Periods.Length)], random.Next(400, 900) / 10m)
                : ReturnsApi.Row("C2", Periods[random.Next(Periods.Length)], random.Next(0, 40)))
                .DistinctBy(r => (r.MeasureCode, r.Period)).ToArray(),
             InFlightRetries: random.Next(1, 3))).ToList()).ToList();

        var trusts = plans.Select((batches, i) => SubmitAllAsync(api.ClientFor(Role.Provider, scenario.Trust, $"feed-{i}"), scenario.ContractId, batches));
        var officers = Enumerable.Range(0, Officers).Select(i => ChallengeAsync(scenario, api.ClientFor(Role.Commissioner, scenario.Council, $"officer-{i}"), new Random(i)));
        var accepted = (await Task.WhenAll(trusts)).SelectMany(a => a).ToList();
        var challenges = (await Task.WhenAll(officers)).SelectMany(c => c).ToList();

        Assert.Equal(TrustClients * BatchesPerClient, accepted.Count);
        // A row that repeated the figure that counted when it landed was answered, not stored.
        var expected = accepted.SelectMany(a => a.Returns).Where(r => !r.Unchanged)
            .Select(r => (r.MeasureCode, r.Period, r.Revision, Value: r.Value.ToString(CultureInfo.InvariantCulture))).ToList();
        await using var connection = new SqliteConnection(api.ConnectionString);
        var stored = (await connection.QueryAsync<(string MeasureCode, string Period, long Revision, double Value)>(
                StoredReturnsSql, new { scenario.ContractId }))
            .Select(r => (r.MeasureCode, r.Period, Revision: (int)r.Revision, Value: ((decimal)r.Value).ToString(CultureInfo.InvariantCulture))).ToList();

        Assert.Equal(expected.Count, stored.Count);
        Assert.Equal(expected.Order(), stored.Order());
        foreach (var series in stored.GroupBy(r => (r.MeasureCode, r.Period)))
        {
            // One revision number per return, and no gaps: 1, 2, 3 … in the order they were stored.
            Assert.Equal(Enumerable.Range(1, series.Count()), series.Select(r => r.Revision).Order());
        }

        Assert.Equal(TrustClients * BatchesPerClient, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM IdempotencyKeys"));
        Assert.Equal(Officers * ChallengesPerOfficer, challenges.Distinct().Count());
        Assert.Equal(challenges.Count, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM Challenges c JOIN Measures m ON m.Id = c.MeasureId WHERE m.ContractId = @ContractId", new { scenario.ContractId }));
    }

    /// <summary>Each batch goes out with one or two copies in flight, then once more after the answer; all must agree.</summary>
    private static async Task<List<ReturnListResponse>> SubmitAllAsync(
        HttpClient client, long contractId, List<(string Key, ReturnRowRequest[] Rows, int InFlightRetries)> batches)
    {
        var accepted = new List<ReturnListResponse>();
        foreach (var (key, rows, retries) in batches)
        {
            var attempts = await Task.WhenAll(Enumerable.Range(0, 1 + retries).Select(_ => client.SubmitAsync(contractId, key, rows)));
            var late = await client.SubmitAsync(contractId, key, rows);
            var answers = new List<string>();
            foreach (var response in attempts.Append(late))
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"{key}: {(int)response.StatusCode} {body}");
                answers.Add(body);
            }

            Assert.Single(answers.Distinct());
            accepted.Add((await attempts[0].Content.ReadFromJsonAsync<ReturnListResponse>(JsonDefaults.Web))!);
        }

        return accepted;
    }

    private static async Task<List<long>> ChallengeAsync(Scenario scenario, HttpClient officer, Random random)
    {
        var ids = new List<long>();
        for (var i = 0; i < ChallengesPerOfficer; i++)
        {
            var response = await officer.PostJsonAsync($"/api/contracts/{scenario.ContractId}/challenges",
                new CreateChallengeRequest(random.Next(2) == 0 ? "A1" : "C2", Periods[random.Next(Periods.Length)], $"Question {i}", null));
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {body}");
            ids.Add(System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64());
        }

        return ids;
    }
}
