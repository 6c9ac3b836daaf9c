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

    public static ApiProcess Start(string connectionString)
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
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__ContractMonitor"] = connectionString;
        start.Environment["DemoData__Enabled"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
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
        var framework = here.Name;
        var configuration = here.Parent!.Name;
        var root = here;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ContractMonitor.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("ContractMonitor.sln not found above the tests."),
            "api", "bin", configuration, framework, "ContractMonitor.Api.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"Build the api first: {dll} is missing.");
    }
}
