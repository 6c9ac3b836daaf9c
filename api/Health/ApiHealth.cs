using ContractMonitor.Core.Health;

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
    /// from the platform many times a minute, so they are not rate limited, and need no caller.
    /// </summary>
    public static IEndpointRouteBuilder MapApiHealth(this IEndpointRouteBuilder endpoints)
    {
        foreach (var probe in endpoints.MapServiceHealth())
        {
            probe.AllowAnonymous().DisableRateLimiting();
        }

        return endpoints;
    }
}
