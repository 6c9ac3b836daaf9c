using BenchmarkDotNet.Running;

namespace ContractMonitor.Benchmarks;

public static class Benchmarks
{
    /// <summary>
    /// <c>dotnet run -c Release --project tests/ContractMonitor.Benchmarks -- --filter '*'</c> for the
    /// BenchmarkDotNet benchmarks; <c>-- status-load</c> for the status read under wrk;
    /// <c>-- dashboard-render</c> for the dashboard page's render time.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "status-load")
        {
            return await StatusLoad.StatusLoad.RunAsync(args);
        }

        if (args.Length > 0 && args[0] == "dashboard-render")
        {
            return await StatusLoad.DashboardRender.RunAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Benchmarks).Assembly).Run(args);
        return 0;
    }
}
