using FsCheck;
using Microsoft.FSharp.Core;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// FsCheck with a fixed seed: a property test runs the same cases on every machine, and a failure
/// prints the shrunk counter-example and a seed that replays it. CONTRACTMONITOR_PROPERTY_SEED=N
/// tries other cases, and CONTRACTMONITOR_PROPERTY_CASES=N more of them.
/// </summary>
public static class Properties
{
    public static ulong Seed { get; } =
        ulong.TryParse(Environment.GetEnvironmentVariable("CONTRACTMONITOR_PROPERTY_SEED"), out var seed) ? seed : 20161701;

    private static int? Cases { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("CONTRACTMONITOR_PROPERTY_CASES"), out var cases) ? cases : null;

    // SplitMix needs an odd gamma.
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    public static void Check(Property property, int cases = 1000)
    {
        var replay = new Replay(new Rnd(Seed, Gamma), FSharpOption<int>.None);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases ?? cases).WithReplay(FSharpOption<Replay>.Some(replay)), property);
    }
}
