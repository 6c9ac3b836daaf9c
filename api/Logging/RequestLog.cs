using System.Diagnostics;
using Microsoft.AspNetCore.HttpLogging;

namespace ContractMonitor.Api.Logging;

/// <summary>
/// One log line per request (issue 21): method, route template, status, duration and trace id, from
/// ASP.NET Core's HTTP logging with its fields combined into one entry. Headers and bodies are not
/// among the fields, so no token, cookie or figure is ever logged. The line is written at
/// Information by the category <c>Microsoft.AspNetCore.HttpLogging</c>, which appsettings.json turns
/// on (and a deployment can turn off).
/// </summary>
internal static class RequestLog
{
    public static IServiceCollection AddRequestLog(this IServiceCollection services)
    {
        services.AddHttpLogging(options =>
        {
            options.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            options.CombineLogs = true;
        });
        services.AddSingleton<IHttpLoggingInterceptor, RouteAndTrace>();
        return services;
    }

    /// <summary>The route template rather than the path, so that ids in addresses do not spread through the logs.</summary>
    private sealed class RouteAndTrace : IHttpLoggingInterceptor
    {
        public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;

        public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext)
        {
            var context = logContext.HttpContext;
            // The exception handler clears the endpoint before it answers; its feature keeps the one that failed.
            var endpoint = context.GetEndpoint() ?? context.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint;
            logContext.AddParameter("Route", (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)");
            logContext.AddParameter("TraceId", Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier);
            return ValueTask.CompletedTask;
        }
    }
}
