using ContractMonitor.Core.Data;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Migrations;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContractMonitor.Core.Jobs;

/// <summary>
/// Hangfire's storage follows the database: SQL Server storage beside the app's tables, so api
/// replicas enqueue and any number of workers run the jobs; with SQLite there is one process, so
/// the queue lives in its memory. Either way the work itself is read from our tables, so a lost
/// queue only delays it.
/// </summary>
internal static class JobServices
{
    /// <summary>Set to false to run enqueued jobs but no schedule (tests that count rows).</summary>
    public const string ScheduleSetting = "Jobs:Schedule";

    /// <param name="runServer">Run the jobs in this process (the worker; the api on SQLite).</param>
    public static IServiceCollection AddContractMonitorJobs(this IServiceCollection services, Func<IServiceProvider, bool> runServer)
    {
        services.AddSingleton<EvaluationJobs>();
        services.AddSingleton<NotificationJobs>();
        // Hangfire falls back to process-wide statics for its storage and activator. Registering both
        // here first keeps each host (and each test host in one process) on its own.
        services.AddSingleton<JobStorage>(provider => CreateStorage(provider.GetRequiredService<Database>()));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>())));
        services.AddSingleton<IHostedService>(provider => new JobServer(provider, runServer(provider),
            provider.GetRequiredService<IConfiguration>().GetValue(ScheduleSetting, defaultValue: true)));
        return services;
    }

    private static JobStorage CreateStorage(Database database) => database.Provider == DatabaseProvider.SqlServer
        ? new SqlServerStorage(() => new SqlConnection(database.ConnectionString), new SqlServerStorageOptions
        {
            // The migrations runner installs Hangfire's schema (M0017): a replica starting up changes no schema.
            PrepareSchemaIfNecessary = false,
            QueuePollInterval = TimeSpan.FromSeconds(5),
        })
        : new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(1) });

    /// <summary>Starts Hangfire's server and registers the recurring jobs, only where jobs run.</summary>
    private sealed class JobServer(IServiceProvider provider, bool enabled, bool schedule) : IHostedService, IDisposable
    {
        private BackgroundJobServer? server;

        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!enabled)
            {
                return Task.CompletedTask;
            }

            // Applies AddHangfire's serializer settings before the server reads any job: our own
            // storage registration does not trigger them, only Hangfire's services do.
            provider.GetRequiredService<IGlobalConfiguration>();
            // A mail setting that cannot be used stops the start, rather than every dispatch a minute later.
            provider.GetRequiredService<EmailSettings>();
            if (schedule)
            {
                RecurringJobs.Register(provider.GetRequiredService<IRecurringJobManager>());
                // A restart may have slept through the daily run; catching up is harmless.
                provider.GetRequiredService<IBackgroundJobClient>().Enqueue<EvaluationJobs>(j => j.MarkPastDueAsync(CancellationToken.None));
            }

            server = new BackgroundJobServer(
                new BackgroundJobServerOptions
                {
                    WorkerCount = Math.Max(2, Environment.ProcessorCount),
                    Activator = provider.GetRequiredService<JobActivator>(),
                },
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
