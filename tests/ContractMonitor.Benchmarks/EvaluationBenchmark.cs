using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Migrations;
using ContractMonitor.Testing;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Benchmarks;

/// <summary>
/// DESIGN §6 load: every period of 1,000 contracts × 20 measures × 36 months rated from scratch on
/// SQLite (goal ≤ 10 s), and one new return afterwards (only its measure's rows should change).
/// Each iteration starts from a copy of one seeded file.
/// </summary>
[Config(typeof(Config))]
public class EvaluationBenchmark : IDisposable
{
    private const int Contracts = 1000;
    private const int Measures = 20;
    private const int Months = 36;

    private readonly string folder = Path.Combine(Path.GetTempPath(), "contractmonitor-bench");
    private string template = "";
    private string working = "";
    private string evaluated = "";
    private Database? database;

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithInvocationCount(1)
            .WithUnrollFactor(1));
    }

    [GlobalSetup]
    public void Seed()
    {
        Directory.CreateDirectory(folder);
        template = Path.Combine(folder, "portfolio.db");
        working = Path.Combine(folder, "working.db");
        evaluated = Path.Combine(folder, "evaluated.db");
        Delete(template);
        SchemaMigrator.MigrateUp(DatabaseProvider.Sqlite, Cs(template));
        PortfolioSeed.SeedAsync(Cs(template), Contracts, Measures, Months).GetAwaiter().GetResult();
        using (var connection = new SqliteConnection(Cs(template)))
        {
            connection.Open();
            connection.Execute("PRAGMA journal_mode=DELETE");
        }

        SqliteConnection.ClearAllPools();
        Delete(evaluated);
        File.Copy(template, evaluated);
        using var once = new Database(DatabaseProvider.Sqlite, Cs(evaluated));
        Evaluate(once);
    }

    [IterationSetup(Target = nameof(FullEvaluation))]
    public void FreshCopy() => Open(template);

    [IterationSetup(Target = nameof(OneNewReturn))]
    public void EvaluatedCopyWithOneNewReturn()
    {
        Open(evaluated);
        using var connection = new SqliteConnection(Cs(working));
        connection.Open();
        using var transaction = connection.BeginTransaction();
        // As the return store leaves it: a new revision of one figure, and its mark.
        connection.Execute("""
            INSERT INTO Returns (MeasureId, Period, PeriodStart, Revision, Value, Late, SubmittedBy, SubmittedByOrg, SubmittedAt)
            VALUES (4242, '2025-06', '2025-06-01', 2, 1, 1, 'bench', 'seed-trust', '2026-11-01 00:00:00');
            INSERT INTO PendingEvaluations (MeasureId, Period, PeriodStart, Reason, Generation, MarkedAt)
            VALUES (4242, '2025-06', '2025-06-01', 'Return', 1, '2026-11-01 00:00:00');
            """, transaction: transaction);
        transaction.Commit();
    }

    [Benchmark]
    public int FullEvaluation() => Evaluate(database!).RowsWritten;

    [Benchmark]
    public int OneNewReturn()
    {
        var outcome = new ContractEvaluator(database!, TimeProvider.System).EvaluateDueAsync(CancellationToken.None).GetAwaiter().GetResult();
        Console.WriteLine($"// One new return: {outcome.Measures} measure evaluated, {outcome.RowsWritten} rows written " +
            $"({outcome.EvaluationsWritten} evaluations, {outcome.EscalationsWritten} escalations, {outcome.EventsWritten} events, {outcome.MarksCleared} marks)");
        return outcome.RowsWritten;
    }

    [IterationCleanup]
    public void Close()
    {
        database?.Dispose();
        SqliteConnection.ClearAllPools();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        Close();
        foreach (var file in new[] { template, working, evaluated })
        {
            Delete(file);
        }
    }

    public void Dispose()
    {
        database?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static EvaluationOutcome Evaluate(Database database)
    {
        new PastDueMarker(database, TimeProvider.System).MarkAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new ContractEvaluator(database, TimeProvider.System).EvaluateDueAsync(CancellationToken.None).GetAwaiter().GetResult();
    }

    // The copies are kept in rollback-journal mode so that one file is the whole database; the copy
    // measured runs in WAL, as the api leaves every file it migrates.
    private void Open(string from)
    {
        SqliteConnection.ClearAllPools();
        Delete(working);
        File.Copy(from, working);
        using (var connection = new SqliteConnection(Cs(working)))
        {
            connection.Open();
            connection.Execute("PRAGMA journal_mode=WAL");
        }

        database = new Database(DatabaseProvider.Sqlite, Cs(working));
    }

    private static string Cs(string path) => new SqliteConnectionStringBuilder { DataSource = path }.ToString();

    private static void Delete(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
