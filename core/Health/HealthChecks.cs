using ContractMonitor.Core.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContractMonitor.Core.Health;

/// <summary>What readiness means for the api and the worker alike.</summary>
internal static class ServiceHealth
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// The database answers; the outbox is not failing or backed up (degraded); and on SQL Server,
    /// where jobs run in the workers, one of them has reported within five minutes.
    /// </summary>
    public static IHealthChecksBuilder AddServiceHealth(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<OutboxHealthCheck>("outbox", tags: [ReadyTag])
            .AddCheck<JobServerHealthCheck>("job-servers", tags: [ReadyTag]);

    /// <summary>
    /// Live: the process answers. Ready: the checks above, as JSON naming each one's status, so an
    /// operator sees which part is degraded. Probes come many times a minute: no rate limit.
    /// </summary>
    public static Task WriteAsync(Microsoft.AspNetCore.Http.HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
