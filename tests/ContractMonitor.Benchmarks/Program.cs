using BenchmarkDotNet.Running;

namespace ContractMonitor.Benchmarks;

public static class Benchmarks
{
    /// <summary><c>dotnet run -c Release --project tests/ContractMonitor.Benchmarks -- --filter '*'</c></summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Benchmarks).Assembly).Run(args);
}
