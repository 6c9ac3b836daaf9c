using System.Diagnostics;

namespace ContractMonitor.Tests.Jobs;

/// <summary>
/// The built api as its own operating-system process (dotnet ContractMonitor.Api.dll) on a SQLite
/// file, so a test can kill it the way a crash or an out-of-memory kill would.
/// </summary>
public sealed class ApiProcess : IDisposable
{
    private readonly Process process;

    private ApiProcess(Process process) => this.process = process;

    /// <param name="port">Where it listens on loopback; 0, any free port.</param>
    /// <param name="environment">More variables for it (HOME, say), over the ones set here.</param>
    public static ApiProcess Start(string connectionString, int port = 0, IReadOnlyDictionary<string, string>? environment = null)
    {
        var dll = ApiDll();
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__ContractMonitor"] = connectionString;
        start.Environment["DemoData__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        // Drain the pipes so a chatty process never blocks on a full buffer.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ApiProcess(process);
    }

    public bool HasExited => process.HasExited;

    /// <summary>SIGKILL: no shutdown hooks, no flushing, no rollback but the database's own.</summary>
    public void KillHard()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            KillHard();
        }

        process.Dispose();
    }

    /// <summary>The api built beside this test assembly, in the same configuration.</summary>
    private static string ApiDll()
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var dll = Path.Combine(ContractMonitor.Tests.Infrastructure.Repository.Root, "api", "bin", here.Parent!.Name, here.Name, "ContractMonitor.Api.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build the api first: {dll} is missing.");
    }
}
