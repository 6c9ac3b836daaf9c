using ContractMonitor.Core;
using ContractMonitor.Migrations;
using Hangfire;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;

namespace ContractMonitor.Worker;

public static class WorkerJobs
{
    /// <summary>
    /// The Hangfire server on SQL Server storage. Several workers can run side by side: Hangfire's
    /// storage hands each job to one of them. With SQLite there is nothing to share, so the api runs
    /// the jobs itself and this host refuses to start rather than run a second, divergent queue.
    /// </summary>
    public static IServiceCollection AddWorkerJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (!string.Equals(configuration["Database:Provider"], nameof(DatabaseProvider.SqlServer), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                "The worker runs only with Database:Provider=SqlServer; with SQLite the api hosts the jobs in-process.");
        }

        var connectionString = configuration.GetConnectionString(CoreServices.ConnectionStringName)
            ?? throw new InvalidOperationException("ConnectionStrings:ContractMonitor is required.");
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseSqlServerStorage(() => new SqlConnection(connectionString), new SqlServerStorageOptions
            {
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(5),
            }));
        services.AddHangfireServer(options => options.WorkerCount = Math.Max(2, Environment.ProcessorCount));
        return services;
    }
}
