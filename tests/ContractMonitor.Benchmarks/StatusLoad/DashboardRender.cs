using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ContractMonitor.Benchmarks.StatusLoad;

/// <summary>
/// Issue 17: the dashboard page of the 50-measure, 36-month contract <see cref="StatusLoad"/> seeds,
/// rendered through the whole pipeline (cookie sign-in, authorisation, the status read, Razor),
/// one request after another, timed at the client.
/// </summary>
/// <remarks><c>dotnet run -c Release --project tests/ContractMonitor.Benchmarks -- dashboard-render [requests]</c></remarks>
internal static partial class DashboardRender
{
    public static async Task<int> RunAsync(string[] args)
    {
        var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        // Development, for its sign-in page; logging stays at Warning as in Production.
        using var api = new BenchmarkApi("Development");
        var contractId = await StatusLoad.SeedAsync(api, api.ClientFor(Role.Admin, "bench-council"));
        var browser = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var form = Token().Match(await browser.GetStringAsync("/dev/sign-in")).Groups[1].Value;
        using var signIn = await browser.PostAsync("/dev/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["role"] = "Commissioner",
            ["org"] = "bench-council",
            ["returnUrl"] = "/",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(form),
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {(int)signIn.StatusCode}.");
        }

        var url = $"/contracts/{contractId}";
        for (var i = 0; i < 100; i++)
        {
            (await browser.GetAsync(url)).EnsureSuccessStatusCode();
        }

        var times = new List<double>(requests);
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await browser.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(watch.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
        }

        times.Sort();
        double At(double p) => times[(int)Math.Ceiling(p * times.Count) - 1];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dashboard of 50 measures, {requests} requests one at a time: p50 {At(0.50):0.00} ms, p95 {At(0.95):0.00} ms, p99 {At(0.99):0.00} ms, max {times[^1]:0.00} ms"));
        return 0;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
