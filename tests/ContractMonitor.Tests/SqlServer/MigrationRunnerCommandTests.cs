using System.Diagnostics;
using ContractMonitor.Core.Data;
using ContractMonitor.Migrations;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>
/// The README's runner commands as a person types them: the built db-migrations program, run as its
/// own process. No server is needed for these two.
/// </summary>
public sealed class MigrationRunnerCommandTests
{
    [Fact]
    public async Task TheScriptCommandPrintsTheSqlServerSchemaWithoutAServer()
    {
        var (exitCode, output, errors) = await RunAsync("--provider", "SqlServer", "--script");

        Assert.True(exitCode == 0, errors);
        Assert.Contains("CREATE TABLE", output, StringComparison.Ordinal);
        Assert.Equal(SchemaMigrator.Script(DatabaseProvider.SqlServer), output);
    }

    [Fact]
    public async Task ACommandWithoutAConnectionIsRefusedWithHowToCallIt()
    {
        var (exitCode, _, errors) = await RunAsync("--provider", "SqlServer");

        Assert.Equal(2, exitCode);
        Assert.Contains("--provider", errors, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var here = new DirectoryInfo(AppContext.BaseDirectory);
        var dll = Path.Combine(Repository.Root, "db-migrations", "bin", here.Parent!.Name, here.Name, "ContractMonitor.Migrations.dll");
        Assert.True(File.Exists(dll), $"Build the runner first: {dll} is missing.");
        var start = new ProcessStartInfo("dotnet", [dll, .. arguments]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var runner = Process.Start(start)!;
        var output = runner.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = runner.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await runner.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (runner.ExitCode, await output, await errors);
    }
}
