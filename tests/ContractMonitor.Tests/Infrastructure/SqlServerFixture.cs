using ContractMonitor.Core.Data;
using ContractMonitor.Migrations;
using DotNet.Testcontainers.Builders;
using Testcontainers.MsSql;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// A real SQL Server in a container wherever Docker runs. Where it does not, every test that uses
/// it is skipped with the reason "Docker is not available"; any other failure to start fails them.
/// </summary>
public sealed class SqlServerFixture : IAsyncLifetime
{
    public const string Image = "mcr.microsoft.com/mssql/server:2022-CU16-ubuntu-22.04";
    public const string DockerUnavailable = "Docker is not available";

    private MsSqlContainer? container;

    internal Database? Database { get; private set; }

    /// <summary>The running container, for tests that pause it; only after <see cref="Require"/>.</summary>
    public MsSqlContainer Container => container ?? throw new InvalidOperationException(SkipReason);

    public string? SkipReason { get; private set; }

    /// <summary>The database, or the calling test is skipped with <see cref="SkipReason"/>.</summary>
    internal Database Require()
    {
        Assert.SkipWhen(SkipReason is not null, SkipReason ?? "");
        return Database!;
    }

    public async ValueTask InitializeAsync()
    {
        try
        {
            container = new MsSqlBuilder(Image).Build();
        }
        catch (DockerUnavailableException)
        {
            SkipReason = DockerUnavailable;
            return;
        }

        // A pull and first start can be slow; a hung engine must still end the run.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await container.StartAsync(timeout.Token);
        var connectionString = container.GetConnectionString();
        SchemaMigrator.MigrateUp(DatabaseProvider.SqlServer, connectionString);
        Database = new Database(DatabaseProvider.SqlServer, connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        if (Database is not null)
        {
            await Database.DisposeAsync();
        }

        if (container is not null)
        {
            await container.DisposeAsync();
        }
    }
}
