using ContractMonitor.Core.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContractMonitor.Core.Health;

/// <summary>What readiness means for the api and the worker alike.</summary>
internal static class ServiceHealth
{
    public const string ReadyTag = "ready";

    /// <summary>
    /// What a check's read may throw when the database or the job storage cannot answer: the check
    /// then reports the part unhealthy rather than failing itself. Anything else is a bug, and fails.
    /// </summary>
    public static bool IsStorageFailure(Exception exception) =>
        exception is System.Data.Common.DbException or TimeoutException or InvalidOperationException;

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
    /// operator sees which part is degraded. The api and the worker map the same two.
    /// </summary>
    /// <returns>Both endpoints, for the host to add what its own pipeline needs.</returns>
    public static IEndpointConventionBuilder[] MapServiceHealth(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder endpoints) =>
    [
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }),
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync }),
    ];

    private static Task WriteAsync(Microsoft.AspNetCore.Http.HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        return System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, cancellationToken: context.RequestAborted);
    }
}
