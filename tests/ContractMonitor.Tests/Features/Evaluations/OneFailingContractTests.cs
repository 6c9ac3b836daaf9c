using ContractMonitor.Core.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Evaluations;

/// <summary>
/// Issue 22: one contract whose evaluation fails (here, a trigger refuses its ratings; on SQL Server,
/// a lock held past the wait) does not stop the run. The others are evaluated, and its marks stay
/// for the next run, which evaluates it once it can.
/// </summary>
public sealed class OneFailingContractTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task TheOtherContractsAreEvaluatedAndTheFailingOneIsLeftForTheNextRun()
    {
        api.Clock.Now = new DateTimeOffset(2024, 8, 20, 9, 0, 0, TimeSpan.Zero);
        var failing = await Scenario.CreateAsync(api, new DateOnly(2024, 4, 1));
        var healthy = await Scenario.CreateAsync(api, new DateOnly(2024, 4, 1));
        foreach (var scenario in new[] { failing, healthy })
        {
            await scenario.AddMeasureAsync("A1");
            await scenario.SetTargetAsync("A1", "2024-25", 60m, 55m);
            (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-07", 50m))).EnsureSuccessStatusCode();
        }

        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.ExecuteAsync($"""
            CREATE TRIGGER RefuseOneContract BEFORE INSERT ON Evaluations
            WHEN NEW.MeasureId IN (SELECT Id FROM Measures WHERE ContractId = {failing.ContractId})
            BEGIN SELECT RAISE(ABORT, 'refused for the test'); END
            """);
        var evaluator = api.Services.GetRequiredService<ContractEvaluator>();

        var first = await evaluator.EvaluateDueAsync(CancellationToken.None);
        var evaluated = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM Evaluations e JOIN Measures m ON m.Id = e.MeasureId WHERE m.ContractId = @Id", new { Id = healthy.ContractId });
        var waiting = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM PendingEvaluations p JOIN Measures m ON m.Id = p.MeasureId WHERE m.ContractId = @Id", new { Id = failing.ContractId });
        await connection.ExecuteAsync("DROP TRIGGER RefuseOneContract");
        var second = await evaluator.EvaluateDueAsync(CancellationToken.None);

        Assert.Equal(1, first.Skipped);
        Assert.True(evaluated > 0, "the healthy contract was not evaluated");
        Assert.True(waiting > 0, "the failing contract's marks were lost");
        Assert.Equal(0, second.Skipped);
        Assert.Equal(0L, await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM PendingEvaluations p JOIN Measures m ON m.Id = p.MeasureId WHERE m.ContractId = @Id", new { Id = failing.ContractId }));
    }
}
