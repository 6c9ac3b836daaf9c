using ContractMonitor.Core;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Jobs;
using ContractMonitor.Migrations;

namespace ContractMonitor.Worker;

internal static class WorkerJobs
{
    /// <summary>
    /// The Hangfire server on SQL Server storage. Several workers can run side by side: Hangfire's
    /// storage hands each job to one of them. With SQLite there is nothing to share, so the api runs
    /// the jobs itself and this host refuses to start rather than run a second, divergent queue.
    /// </summary>
    public static IServiceCollection AddWorkerJobs(this IServiceCollection services) =>
        services.AddContractMonitorJobs(provider => provider.GetRequiredService<Database>().Provider == DatabaseProvider.SqlServer
            ? true
            : throw new InvalidOperationException(
                "The worker runs only with Database:Provider=SqlServer; with SQLite the api hosts the jobs in-process."));
}
