using ContractMonitor.Core.Data;
using ContractMonitor.Migrations;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>The api on a set clock, counting the statements it sends to its database.</summary>
public sealed class CountingApiFactory : ApiFactory
{
    private CountingDataSource? statements;

    public SettableClock Clock { get; } = new();

    public CountingDataSource Statements => statements ?? throw new InvalidOperationException("The api has not started.");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton(_ => new Database(DatabaseProvider.Sqlite, ConnectionString, inner => statements = new CountingDataSource(inner)));
        });
    }
}
