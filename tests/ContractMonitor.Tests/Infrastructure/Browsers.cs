using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright (its own browser download is not reachable here). Where no
/// Chromium is installed, every browser test skips and says why.
/// </summary>
public sealed class Browsers : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh browser context (its own cookies), or the test is skipped with the reason.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        if (browser is null)
        {
            Assert.Skip($"Chromium is not installed at {ChromiumPath} (apt-get install chromium); the browser tests need it.");
        }

        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "en-GB" });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}

/// <summary>The api on real Kestrel in Development, with a clock the test sets: what a browser talks to.</summary>
public sealed class BrowserApiFactory : ApiFactory
{
    public BrowserApiFactory() => UseKestrel(0);

    public SettableClock Clock { get; } = new();

    /// <summary>The server's address; the server starts on first use.</summary>
    public string BaseUrl => CreateClient().BaseAddress!.ToString().TrimEnd('/');

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>
/// The api on real Kestrel at a port chosen before it starts, so that the links in its emails
/// (sent to the loopback SMTP server) lead a browser to it, as they lead a chair to the service.
/// </summary>
public sealed class BrowserEmailApiFactory : EmailApiFactory
{
    private readonly int port = FreePort();

    public BrowserEmailApiFactory() => UseKestrel(port);

    protected override string LinksTo => $"http://localhost:{port}/";

    public string BaseUrl => CreateClient().BaseAddress!.ToString().TrimEnd('/');

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
