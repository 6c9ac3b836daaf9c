using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Spc;
using ContractMonitor.Migrations;
using ContractMonitor.Testing;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Benchmarks;

/// <summary>
/// Issue 19: what the SPC icons add to the status read. One contract of 20 monthly measures × 60
/// months (the seed's, from November 2023), evaluated as known on 1 December 2028. The status read
/// is timed cold (a new reader, so nothing kept), as the first read after every change pays it;
/// beside it, the pure XmR work for all 20 measures and the extra result set alone.
/// </summary>
[Config(typeof(Config))]
public class SpcBenchmark : IDisposable
{
    private const int Measures = 20;
    private const int Months = 60;

    private static readonly DateOnly AsOf = new(2028, 11, 30);

    private readonly string file = Path.Combine(Path.GetTempPath(), "contractmonitor-spc-bench.db");
    private readonly FixedClock clock = new(new DateTimeOffset(2028, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private Database? database;
    private Contract? contract;
    private List<(Polarity Polarity, List<SpcFigure> Series)> series = [];

    private sealed class Config : ManualConfig
    {
        public Config() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [GlobalSetup]
    public void Seed()
    {
        if (File.Exists(file))
        {
            File.Delete(file);
        }

        var cs = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();
        SchemaMigrator.MigrateUp(DatabaseProvider.Sqlite, cs);
        PortfolioSeed.SeedAsync(cs, 1, Measures, Months).GetAwaiter().GetResult();
        database = new Database(DatabaseProvider.Sqlite, cs);
        new PastDueMarker(database, clock).MarkAsync(CancellationToken.None).GetAwaiter().GetResult();
        new ContractEvaluator(database, clock).EvaluateDueAsync(CancellationToken.None).GetAwaiter().GetResult();
        using var connection = new SqliteConnection(cs);
        var id = connection.ExecuteScalar<long>("SELECT MIN(Id) FROM Contracts");
        contract = new ContractStore(database, clock).FindVisibleAsync(id, new Caller("bench", "seed-council", Role.Admin), CancellationToken.None)
            .GetAwaiter().GetResult()!;
        var reader = Reader();
        series = [.. new MeasureStore(database, clock).ListAsync(id, CancellationToken.None).GetAwaiter().GetResult().Select(m => (m.Polarity,
            reader.HistoryAsync(contract, m, null, null, AsOf, null, CancellationToken.None).GetAwaiter().GetResult().Periods
                .Select(p => SpcFigure.Of(Period.Parse(p.Period, m.Frequency), p.Figure)).ToList()))];
        Console.WriteLine($"// {series.Count} measures, {series.Sum(s => s.Series.Count(p => p.Value is not null))} figures");
    }

    private StatusReader Reader() =>
        new(database!, new MeasureStore(database!, clock), new EscalationStore(database!, clock), new SpcRecalculationStore(database!, clock));

    /// <summary>The status read as the first request after a change makes it: every measure's latest rating, escalations and SPC icons.</summary>
    [Benchmark(Baseline = true)]
    public int StatusReadCold()
    {
        using var reader = Reader();
        return reader.StatusAsync(contract!, AsOf, null, CancellationToken.None).GetAwaiter().GetResult().Measures.Count(m => m.Spc?.Variation is not null);
    }

    /// <summary>The XmR charts of all 20 measures, from series already in memory: the arithmetic the icons cost.</summary>
    [Benchmark]
    public int SpcOfTwentyMeasures() =>
        series.Count(s => SpcSeries.Chart(s.Polarity, s.Series, null, []).Variation is not null);

    /// <summary>The result set the icons add to the status command, read alone.</summary>
    [Benchmark]
    public int SeriesResultSetAlone()
    {
        using var connection = database!.OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return connection.Query("""
            SELECT e.MeasureId, e.Period, e.Value, e.Target, e.SmallCohort
            FROM Evaluations e
            JOIN Measures m ON m.Id = e.MeasureId
            WHERE m.ContractId = @ContractId AND e.PeriodStart <= @AsOf
            """, new { ContractId = contract!.Id, AsOf = AsOf }).Count();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        database?.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(file);
    }

    public void Dispose()
    {
        database?.Dispose();
        GC.SuppressFinalize(this);
    }
}
