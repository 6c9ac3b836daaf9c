using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>The api on a set clock, sending its emails to a real SMTP server on loopback.</summary>
public class EmailApiFactory : ApiFactory
{
    public LoopbackSmtpServer Smtp { get; } = LoopbackSmtpServer.Start();

    public SettableClock Clock { get; } = new();

    /// <summary>Where the emails' links point: the service's address.</summary>
    protected virtual string LinksTo => "https://monitor.council.example/";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Smtp:Host"] = "127.0.0.1",
        ["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Smtp:From"] = "ContractMonitor <monitor@council.example>",
        ["Notifications:BaseUrl"] = LinksTo,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
