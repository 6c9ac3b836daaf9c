using ContractMonitor.Core.Data;
using ContractMonitor.Migrations;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ContractMonitor.Core.Jobs;

/// <summary>
/// Hangfire's storage follows the database: SQL Server storage beside the app's tables, so api
/// replicas enqueue and any number of workers run the jobs; with SQLite there is one process, so
/// the queue lives in its memory. Either way the work itself is read from our tables, so a lost
/// queue only delays it.
/// </summary>
public static class JobServices
{
    /// <param name="runServer">Run the jobs in this process (the worker; the api on SQLite).</param>
    public static IServiceCollection AddContractMonitorJobs(this IServiceCollection services, Func<IServiceProvider, bool> runServer)
    {
        services.AddSingleton<EvaluationJobs>();
        services.AddHangfire((provider, hangfire) =>
        {
            hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            var database = provider.GetRequiredService<Database>();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                hangfire.UseSqlServerStorage(() => new SqlConnection(database.ConnectionString), new SqlServerStorageOptions
                {
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = TimeSpan.FromSeconds(5),
                });
            }
            else
            {
                hangfire.UseInMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) });
            }
        });
        services.AddSingleton<IHostedService>(provider => new JobServer(provider, runServer(provider)));
        return services;
    }

    /// <summary>Starts Hangfire's server and registers the recurring jobs, only where jobs run.</summary>
    private sealed class JobServer(IServiceProvider provider, bool enabled) : IHostedService, IDisposable
    {
        private BackgroundJobServer? server;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!enabled)
            {
                return Task.CompletedTask;
            }

            RecurringJobs.Register(provider.GetRequiredService<IRecurringJobManager>());
            // A restart may have slept through the daily run; catching up is harmless.
            provider.GetRequiredService<IBackgroundJobClient>().Enqueue<EvaluationJobs>(j => j.MarkPastDueAsync(CancellationToken.None));
            // Resolving the storage from the container applies AddHangfire's configuration, including
            // the activator that builds jobs from this container.
            server = new BackgroundJobServer(
                new BackgroundJobServerOptions { WorkerCount = Math.Max(2, Environment.ProcessorCount) },
                provider.GetRequiredService<JobStorage>());
            return Task.CompletedTask;
        }

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            if (server is not null)
            {
                server.SendStop();
                await server.WaitForShutdownAsync(cancellationToken);
            }
        }

        public void Dispose() => server?.Dispose();
    }
}
