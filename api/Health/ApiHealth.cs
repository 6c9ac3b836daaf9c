using ContractMonitor.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace ContractMonitor.Api.Health;

internal static class ApiHealth
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddApiHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        return services;
    }

    /// <summary>
    /// Live: the process answers. Ready: it can reach its database (503 when it cannot). Probes come
    /// from the platform many times a minute, so they are not rate limited.
    /// </summary>
    public static IEndpointRouteBuilder MapApiHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous()
            .DisableRateLimiting();
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) })
            .AllowAnonymous().DisableRateLimiting();
        return endpoints;
    }
}
