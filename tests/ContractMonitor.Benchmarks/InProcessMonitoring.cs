using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ContractMonitor.Benchmarks;

/// <summary>
/// Operations of tens of milliseconds that change the database: a fixed number of single calls
/// (Monitoring) rather than BenchmarkDotNet's auto-tuned loops, in process so that the api under
/// test is the one this project built.
/// </summary>
public sealed class InProcessMonitoring : ManualConfig
{
    public InProcessMonitoring() => AddJob(Job.Default
        .WithToolchain(InProcessEmitToolchain.Instance)
        .WithStrategy(RunStrategy.Monitoring)
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(20));
}
