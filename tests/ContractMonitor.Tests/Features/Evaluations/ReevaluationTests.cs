using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Jobs;
using ContractMonitor.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Evaluations;

/// <summary>What a change re-rates, and what it leaves alone, read straight from the Evaluations table.</summary>
public sealed class ReevaluationTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly DateTimeOffset Today = new(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Two measures with figures from April 2025 to July 2026, across two financial years.</summary>
    private async Task<Scenario> TwoYearsAsync()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2025, 4, 1));
        foreach (var code in new[] { "A1", "B1" })
        {
            await scenario.AddMeasureAsync(code, Polarity.HigherIsBetter, MeasureUnit.Percent, 1);
            await scenario.SetTargetAsync(code, "2025-26", 60m, 55m);
            await scenario.SetTargetAsync(code, "2026-27", 60m, 55m);
            var rows = Enumerable.Range(0, 16).Select(i => Row(code, new DateOnly(2025, 4, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), 57m)).ToArray();
            (await scenario.Provider.SubmitAsync(scenario.ContractId, null, rows)).EnsureSuccessStatusCode();
        }

        await scenario.EvaluateAsync();
        return scenario;
    }

    private async Task<Dictionary<string, string>> EvaluationsAsync(Scenario scenario)
    {
        await using var connection = new SqliteConnection(api.ConnectionString);
        var rows = await connection.QueryAsync<(string Code, string Period, string Row)>("""
            SELECT m.Code, e.Period,
                   COALESCE(CAST(e.Value AS TEXT), '-') || ' ' || e.Rating || ' v' || COALESCE(e.TargetVersion, '-') || ' ' || e.EvaluatedAt
            FROM Evaluations e JOIN Measures m ON m.Id = e.MeasureId
            WHERE m.ContractId = @ContractId
            """, new { scenario.ContractId });
        return rows.ToDictionary(r => $"{r.Code} {r.Period}", r => r.Row);
    }

    [Fact]
    public async Task ATargetChangeReratesOnlyItsOwnYear()
    {
        var scenario = await TwoYearsAsync();
        var before = await EvaluationsAsync(scenario);
        api.Clock.Now = Today.AddHours(1);

        await scenario.SetTargetAsync("A1", "2025-26", 59m, 58m);
        var run = await scenario.EvaluateAsync();

        var after = await EvaluationsAsync(scenario);
        var changed = after.Where(e => before[e.Key] != e.Value).Select(e => e.Key).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 12).Select(i => $"A1 {new DateOnly(2025, 4, 1).AddMonths(i):yyyy-MM}"), changed);
        Assert.Equal(12, run.EvaluationsWritten);
        Assert.All(changed, key => Assert.StartsWith("57 Failing v2 ", after[key], StringComparison.Ordinal));
        Assert.StartsWith("57 WithinTolerance v1 ", after["A1 2026-04"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingNextYearsTargetReratesNothing()
    {
        var scenario = await TwoYearsAsync();
        var before = await EvaluationsAsync(scenario);

        await scenario.SetTargetAsync("A1", "2027-28", 70m, 65m);
        var run = await scenario.EvaluateAsync();

        Assert.Equal(0, run.EvaluationsWritten);
        Assert.Equal(before, await EvaluationsAsync(scenario));
    }

    [Fact]
    public async Task ARevisedFigureReratesItsPeriodAndTheDirectionOfTheNextOnly()
    {
        var scenario = await TwoYearsAsync();
        var before = await EvaluationsAsync(scenario);
        api.Clock.Now = Today.AddHours(1);

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-05", 50m))).EnsureSuccessStatusCode();
        var run = await scenario.EvaluateAsync();

        var after = await EvaluationsAsync(scenario);
        Assert.Equal(["A1 2026-05", "A1 2026-06"], after.Where(e => before[e.Key] != e.Value).Select(e => e.Key).Order());
        Assert.Equal(2, run.EvaluationsWritten);
        var history = await scenario.Commissioner.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history?from=2026-04&to=2026-06");
        Assert.Equal(["2026-04 Unchanged", "2026-05 Declining", "2026-06 Improving"],
            history!.Periods.Select(p => $"{p.Period} {p.Direction}"));
    }

    [Fact]
    public async Task TheDailyJobRatesPeriodsThatFellDueWithoutAReturnAsMissing()
    {
        api.Clock.Now = new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        var jobs = api.Services.GetRequiredService<EvaluationJobs>();

        await jobs.MarkPastDueAsync(TestContext.Current.CancellationToken);
        var june = await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history");
        Assert.Equal(["2026-04 Missing", "2026-05 Pending", "2026-06 Pending"], june!.Periods.Select(p => $"{p.Period} {p.Rating}"));

        api.Clock.Now = new DateTimeOffset(2026, 6, 16, 0, 30, 0, TimeSpan.Zero); // 01:30 in London: 15 June has passed
        await jobs.MarkPastDueAsync(TestContext.Current.CancellationToken);
        var later = await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history");
        Assert.Equal(["2026-04 Missing", "2026-05 Missing", "2026-06 Pending"], later!.Periods.Select(p => $"{p.Period} {p.Rating}"));
        var escalations = await scenario.Panel.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations");
        Assert.Equal(["MissingReturns 2026-05 L1"], escalations!.Escalations.Select(e => $"{e.Reason} {e.OpenedPeriod} L{e.Level}"));
    }

    [Fact]
    public async Task IdempotencyKeysAreForgottenAfterThirtyDays()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, "key-1", Row("A1", "2026-04", 57m))).EnsureSuccessStatusCode();
        var jobs = api.Services.GetRequiredService<EvaluationJobs>();
        await using var connection = new SqliteConnection(api.ConnectionString);
        const string Count = "SELECT COUNT(*) FROM IdempotencyKeys WHERE Actor = 'pat.provider' AND ActorOrg = @Trust";

        api.Clock.Now = Today.AddDays(29);
        await jobs.PurgeIdempotencyKeysAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(Count, new { scenario.Trust }));

        api.Clock.Now = Today.AddDays(31);
        await jobs.PurgeIdempotencyKeysAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(Count, new { scenario.Trust }));
    }
}
