using FsCheck;
using Microsoft.FSharp.Core;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// FsCheck with a fixed seed: a property test runs the same cases on every machine, and a failure
/// prints the shrunk counter-example and a seed that replays it.
/// </summary>
public static class Properties
{
    public const ulong Seed = 20161701;

    // SplitMix needs an odd gamma.
    private const ulong Gamma = 0x9E3779B97F4A7C15;

    public static void Check(Property property, int cases = 1000)
    {
        var replay = new Replay(new Rnd(Seed, Gamma), FSharpOption<int>.None);
        FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(cases).WithReplay(FSharpOption<Replay>.Some(replay)), property);
    }
}
