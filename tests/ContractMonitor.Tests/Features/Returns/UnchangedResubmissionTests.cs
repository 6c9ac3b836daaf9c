using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Returns;

/// <summary>Issue 16: sending the figure that already counts is not a revision.</summary>
public sealed class UnchangedResubmissionTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AFigureSentAgainAsItWasWritesNothingAndIsAnsweredWithTheRevisionThatCounts()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, new DateOnly(2016, 4, 1));
        var first = (await (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2016-07", 82m, 82, 100, "Up on June."))).ReadStoredAsync()).Returns.Single();
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        // 82.0 is 82, and surrounding spaces are not a new claim.
        var response = await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 82.0m, 82, 100, "  Up on June. "));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var again = (await response.ReadStoredAsync()).Returns.Single();
        Assert.Equal(first with { Unchanged = true }, again);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
        // The first figure's evaluation mark is still waiting; a new one would have moved its generation.
        Assert.Equal(1, await MarkGenerationAsync(scenario.ContractId));
    }

    [Fact]
    public async Task AnUnchangedBatchSentAgainUnderItsKeyReplaysTheSameAnswer()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, new DateOnly(2016, 4, 1));
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 82m))).ReadStoredAsync();

        var first = await (await scenario.Provider.SubmitAsync(scenario.ContractId, "same-again", Row("A1", "2016-07", 82m))).Content.ReadAsStringAsync();
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);
        var replay = await scenario.Provider.SubmitAsync(scenario.ContractId, "same-again", Row("A1", "2016-07", 82m));

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(first, await replay.Content.ReadAsStringAsync());
        Assert.Contains("\"unchanged\":true", first, StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    private async Task<long> MarkGenerationAsync(long contractId)
    {
        await using var connection = new SqliteConnection(api.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT MAX(p.Generation) FROM PendingEvaluations p JOIN Measures m ON m.Id = p.MeasureId WHERE m.ContractId = @contractId",
            new { contractId });
    }

    [Fact]
    public async Task InABatchOnlyTheRowsThatChangeBecomeRevisions()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, new DateOnly(2016, 4, 1));
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2016-07", 82m), Row("C2", "2016-07", 4), Row("Q1", "2016-17-Q2", 75, 3, 4))).ReadStoredAsync();
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var answer = (await (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2016-07", 82m, commentary: "Now with a claim."), Row("C2", "2016-07", 4), Row("Q1", "2016-17-Q2", 75, 6, 8)))
            .ReadStoredAsync()).Returns;

        // A new claim, or a different denominator, is a new revision even when the value is the same.
        Assert.Equal([("A1", 2, false), ("C2", 1, true), ("Q1", 2, false)], answer.Select(r => (r.MeasureCode, r.Revision, r.Unchanged)));
        var after = await DatabaseCounts.ReadAsync(api.ConnectionString);
        Assert.Equal((before["Returns"] + 2, before["AuditLog"] + 2), (after["Returns"], after["AuditLog"]));
    }

    [Fact]
    public async Task AChallengedFigureSentAgainUnchangedIsNotShownAsRevised()
    {
        var scenario = await ScenarioWithMeasuresAsync(api, new DateOnly(2016, 4, 1));
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 82m))).ReadStoredAsync();
        var challenge = await scenario.ChallengeAsync("A1", "2016-07", "Why did it rise?", null);

        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 82m))).ReadStoredAsync();

        var read = (await scenario.Commissioner.GetFromJsonAsync<ChallengeDetail>($"/api/challenges/{challenge.Id}", JsonDefaults.Web))!;
        Assert.Equal((1, 1, false), (read.ChallengedRevision, read.CurrentRevision, read.RevisedSinceChallenge));
    }
}
