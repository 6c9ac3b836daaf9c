using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ContractMonitor.Core.Telemetry;

/// <summary>
/// OpenTelemetry for the api and the worker (issue 21): traces and metrics from ASP.NET Core,
/// HttpClient and SqlClient, the service's own meter, and logs. They leave the process over OTLP
/// only when a standard OTEL_EXPORTER_OTLP_* endpoint is set; with none, nothing is exported.
/// </summary>
internal static class ServiceTelemetry
{
    private static readonly string[] EndpointVariables =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    /// <param name="serviceName">The name it reports unless OTEL_SERVICE_NAME says another.</param>
    public static IServiceCollection AddServiceTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } named ? named : serviceName))
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSqlClientInstrumentation())
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSqlClientInstrumentation()
                .AddMeter(ServiceMetrics.MeterName))
            .WithLogging();
        if (EndpointVariables.Any(name => !string.IsNullOrWhiteSpace(configuration[name])))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
