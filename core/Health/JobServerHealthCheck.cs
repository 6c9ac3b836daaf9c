using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContractMonitor.Core.Health;

/// <summary>
/// On SQL Server the jobs run in worker processes (issue 21): with no Hangfire server's heartbeat
/// for <see cref="Stale"/>, nothing rates, escalates or emails, and the service is unhealthy
/// whatever the api can still answer.
/// </summary>
internal sealed class JobServerHealthCheck(JobStorage storage, Data.Database database, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan Stale = TimeSpan.FromMinutes(5);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (database.Provider != ContractMonitor.Migrations.DatabaseProvider.SqlServer)
        {
            // On SQLite the api runs the jobs itself, in memory: it is alive if it answers.
            return Task.FromResult(HealthCheckResult.Healthy("Jobs run in this process."));
        }

        try
        {
            var heartbeats = storage.GetMonitoringApi().Servers().Select(s => s.Heartbeat).ToList();
            return Task.FromResult(Judge(heartbeats, clock.GetUtcNow().UtcDateTime));
        }
        catch (Exception ex) when (ServiceHealth.IsStorageFailure(ex))
        {
            // The report is anonymous: the server's own words (logins, names) stay out of it.
            return Task.FromResult(HealthCheckResult.Unhealthy("The job storage cannot be read."));
        }
    }

    /// <param name="heartbeats">Each server's last heartbeat, in UTC as Hangfire keeps them.</param>
    public static HealthCheckResult Judge(IReadOnlyCollection<DateTime?> heartbeats, DateTime nowUtc)
    {
        if (heartbeats.Max() is not { } last)
        {
            return HealthCheckResult.Unhealthy("No job server has reported: start a worker.");
        }

        return nowUtc - last <= Stale
            ? HealthCheckResult.Healthy(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{heartbeats.Count(h => nowUtc - h <= Stale)} job server(s) alive."))
            : HealthCheckResult.Unhealthy(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"No job server has reported since {last:yyyy-MM-dd HH:mm:ss}Z: nothing is rating, escalating or sending."));
    }
}
