using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ContractMonitor.Tests.Jobs;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Docs;

/// <summary>
/// Issue 21: the README's walkthrough cannot rot. Every bash block marked
/// <c>&lt;!-- run: walkthrough --&gt;</c> runs, in order, as one script, against the built api
/// started as its own process on an empty database, with an empty user-secrets store (a new HOME),
/// minting its tokens with the real <c>dotnet user-jwts</c>. The blocks marked
/// <c>&lt;!-- run: demo --&gt;</c> run the same way against an api that has loaded its demo data.
/// Every curl must answer 2xx; an answer the background work has not caught up with yet is asked
/// again for a few seconds, as a person would.
/// </summary>
public sealed partial class ReadmeWalkthroughTests : IDisposable
{
    private readonly string home = Directory.CreateTempSubdirectory("contractmonitor-home-").FullName;
    private readonly TempSqliteFile database = new();

    private const string Preamble = """
        set -euo pipefail
        # The README's address is the api's on this run; a failed call is asked again, then fails the script with its answer.
        curl() {
          local args=("${@//http:\/\/localhost:5080/$BASE}")
          local attempt
          for attempt in $(seq 1 20); do
            if command curl --fail-with-body -sS "${args[@]}" >>"$LOG" 2>&1; then echo >>"$LOG"; return 0; fi
            sleep 0.5
          done
          echo "README command failed: curl $*" >&2
          tail -c 2000 "$LOG" >&2
          return 1
        }

        """;

    /// <summary>
    /// The demo blocks follow the walkthrough in the README, where a reader already holds these
    /// tokens; on their own run they are minted first, with the README's own commands.
    /// </summary>
    private const string DemoTokens = """
        OFFICER=$(dotnet user-jwts create --project api --name carol --role Commissioner --claim org=doncaster-council -o token)

        """;

    [Theory]
    [InlineData("walkthrough", 10)]
    [InlineData("demo", 2)]
    public async Task TheReadmesCommandsRunAgainstAFreshApiWithNoUserSecrets(string marker, int atLeast)
    {
        Assert.SkipWhen(!File.Exists("/bin/bash") || !OnPath("curl"), "The walkthrough needs bash and curl, which this machine lacks.");
        var root = Repository.Root;
        var blocks = Marked().Matches(await File.ReadAllTextAsync(Path.Combine(root, "README.md")))
            .Where(m => m.Groups["marker"].Value == marker).Select(m => m.Groups["code"].Value).ToList();
        Assert.True(blocks.Count >= atLeast, $"Only {blocks.Count} README blocks are marked '{marker}'.");
        var demo = marker == "demo";
        var port = FreePort();
        int exitCode;
        string log, told;
        var apiEnvironment = new Dictionary<string, string>(Environment(port)) { ["DemoData__Enabled"] = demo ? "true" : "false" };
        using (ApiProcess.Start(database.ConnectionString, port, apiEnvironment))
        {
            using (var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") })
            {
                await Eventually.TrueAsync(async () =>
                {
                    try
                    {
                        return (await http.GetAsync("/health/live")).StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                }, "the api to start");
            }

            log = Path.Combine(home, "curl.log");
            // The commands run where a reader would, beside `api`, but in a folder of their own, so that
            // what they write (panel-paper.csv) lands there and not in the repository.
            var work = Directory.CreateDirectory(Path.Combine(home, "work")).FullName;
            File.CreateSymbolicLink(Path.Combine(work, "api"), Path.Combine(root, "api"));
            var script = new ProcessStartInfo("/bin/bash", ["-c", Preamble + (demo ? DemoTokens : "") + string.Join("\n", blocks)])
            {
                WorkingDirectory = work,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var (name, value) in Environment(port))
            {
                script.Environment[name] = value;
            }

            script.Environment["LOG"] = log;
            using var run = Process.Start(script)!;
            var output = run.StandardOutput.ReadToEndAsync();
            var errors = run.StandardError.ReadToEndAsync();
            await run.WaitForExitAsync(TestContext.Current.CancellationToken);
            exitCode = run.ExitCode;
            told = $"{await errors}\n{await output}";
        }

        Assert.True(exitCode == 0, $"The README's '{marker}' commands failed ({exitCode}):\n{told}");
        // Each run reached what it shows: the escalation the walkthrough's failing months open, and
        // the published paper and the chart's limits the demo data is there for.
        var answers = await File.ReadAllTextAsync(log);
        foreach (var expected in demo ? new[] { "\"hash\":\"[0-9a-f]{64}\"", "\"upperLimit\":[0-9]" } : ["\"reason\":\"SustainedFailure\""])
        {
            Assert.Matches(expected, answers);
        }
    }

    /// <summary>What the api and the script share: an empty HOME (no user secrets), and where the api listens.</summary>
    private Dictionary<string, string> Environment(int port) => new()
    {
        ["HOME"] = home,
        ["BASE"] = $"http://127.0.0.1:{port}",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool OnPath(string command) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(d => File.Exists(Path.Combine(d, command)));

    [GeneratedRegex(@"<!-- run: (?<marker>[a-z]+) -->\s*```bash\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Marked();

    public void Dispose()
    {
        database.Dispose();
        try
        {
            Directory.Delete(home, recursive: true);
        }
        catch (IOException)
        {
            // A file the api still held as it stopped: the temp folder is cleaned by the machine.
        }
    }
}
