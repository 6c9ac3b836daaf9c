using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ContractMonitor.Benchmarks.StatusLoad;

/// <summary>What one wrk run reported.</summary>
internal sealed record WrkResult(double RequestsPerSecond, string P50, string P99, long Non2xx, long Requests)
{
    public string Row(string name) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {RequestsPerSecond:N0} | {P50} | {P99} | {Non2xx} of {Requests} |");
}

/// <summary>Runs wrk (Debian's package) and reads its report.</summary>
internal static partial class Wrk
{
    public static bool Missing()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo("wrk", "--version") { RedirectStandardOutput = true, RedirectStandardError = true });
            probe!.WaitForExit();
            return false;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return true;
        }
    }

    /// <param name="rate">
    /// Null: as fast as the connections go. Otherwise the total requests per second to aim at: each
    /// connection waits its share of a second before each request (wrk's <c>delay()</c> hook), so
    /// the latencies are those of a service under that load rather than at saturation.
    /// </param>
    public static async Task<WrkResult> RunAsync(string url, string token, int connections, int seconds, int? rate)
    {
        var arguments = new List<string> { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency", "-H", $"Authorization: Bearer {token}" };
        string? script = null;
        if (rate is { } perSecond)
        {
            script = Path.Combine(Path.GetTempPath(), $"wrk-paced-{Guid.NewGuid():N}.lua");
            await File.WriteAllTextAsync(script, string.Create(CultureInfo.InvariantCulture,
                $"function delay() return {1000.0 * connections / perSecond} end\n"));
            arguments.AddRange(["-s", script]);
        }

        arguments.Add(url);
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        arguments.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (script is not null)
        {
            File.Delete(script);
        }

        var requests = long.Parse(Requests().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = Non2xx().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile().Matches(output).First(p => p.Groups[1].Value == "50").Groups[2].Value,
            Percentile().Matches(output).First(p => p.Groups[1].Value == "99").Groups[2].Value,
            non2xx, requests);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"^\s+(50|99)%\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex Percentile();
}
