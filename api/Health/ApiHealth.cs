using ContractMonitor.Core.Health;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ContractMonitor.Api.Health;

internal static class ApiHealth
{
    public static IServiceCollection AddApiHealth(this IServiceCollection services)
    {
        services.AddServiceHealth();
        return services;
    }

    /// <summary>
    /// Live: the process answers. Ready: the database answers (503 when it does not), the outbox is
    /// not failing or backed up (degraded, still 200), and a job server reports (503). Probes come
    /// from the platform many times a minute, so they are not rate limited.
    /// </summary>
    public static IEndpointRouteBuilder MapApiHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous()
            .DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
            {
                Predicate = c => c.Tags.Contains(ServiceHealth.ReadyTag),
                ResponseWriter = ServiceHealth.WriteAsync,
            })
            .AllowAnonymous().DisableRateLimiting();
        return endpoints;
    }
}
