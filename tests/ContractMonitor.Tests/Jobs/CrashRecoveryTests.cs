using ContractMonitor.Core;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Migrations;
using ContractMonitor.Testing;
using ContractMonitor.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Tests.Jobs;

/// <summary>DESIGN §6: a process killed at any moment and restarted converges to the same result.</summary>
public sealed class CrashRecoveryTests
{
    private const int Contracts = 150;
    private const int Measures = 20;
    private const int Months = 36;

    [Fact]
    public async Task AnApiKilledMidEvaluationAndRestartedReachesTheSameOutcomeAsAnUninterruptedRun()
    {
        using var reference = new TempSqliteFile();
        using var crashed = new TempSqliteFile();
        foreach (var file in new[] { reference, crashed })
        {
            CoreServices.MigrateSqlite(file.ConnectionString);
            await PortfolioSeed.SeedAsync(file.ConnectionString, Contracts, Measures, Months, panel: true);
        }

        var uninterrupted = await EvaluateInProcessAsync(reference.ConnectionString);
        var cancel = TestContext.Current.CancellationToken;

        // The api's job server marks what is past due and evaluates everything on start.
        using (var first = ApiProcess.Start(crashed.ConnectionString))
        {
            await WaitUntilAsync(crashed.ConnectionString, "SELECT COUNT(*) FROM Evaluations", n => n > 0, TimeSpan.FromSeconds(60), cancel);
            first.KillHard();
        }

        var (evaluated, pending) = await CountsAsync(crashed.ConnectionString);
        Assert.True(evaluated > 0 && pending > 0, $"killed mid-run: {evaluated} evaluations written, {pending} marks left");

        using (var second = ApiProcess.Start(crashed.ConnectionString))
        {
            await WaitUntilAsync(crashed.ConnectionString, "SELECT COUNT(*) FROM PendingEvaluations", n => n == 0, TimeSpan.FromSeconds(120), cancel);
            Assert.False(second.HasExited);
        }

        Assert.Equal(uninterrupted, await PortfolioSeed.OutcomeAsync(crashed.ConnectionString));
    }

    private static async Task<string> EvaluateInProcessAsync(string connectionString)
    {
        await using var database = new Database(DatabaseProvider.Sqlite, connectionString);
        await new PastDueMarker(database, TimeProvider.System).MarkAsync(CancellationToken.None);
        var outcome = await new ContractEvaluator(database, TimeProvider.System).EvaluateDueAsync(CancellationToken.None);
        Assert.Equal(Contracts, outcome.Contracts);
        Assert.True(outcome.NotificationsWritten > 0, "the seed's open escalations are emailed to the chairs");
        return await PortfolioSeed.OutcomeAsync(connectionString);
    }

    private static async Task<(long Evaluated, long Pending)> CountsAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        return (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Evaluations"),
            await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM PendingEvaluations"));
    }

    private static Task<long> WaitUntilAsync(string connectionString, string sql, Func<long, bool> done, TimeSpan limit, CancellationToken cancel) =>
        Eventually.ReadAsync(async () =>
        {
            await using var connection = new SqliteConnection(connectionString);
            return await connection.ExecuteScalarAsync<long>(sql);
        }, done, sql, limit, TimeSpan.FromMilliseconds(10), cancel);
}
