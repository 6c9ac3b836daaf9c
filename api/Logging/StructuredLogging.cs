using ContractMonitor.Core.Logging;

namespace ContractMonitor.Api.Logging;

internal static class StructuredLogging
{
    /// <summary>Readable console logs in Development; one JSON object per line everywhere else.</summary>
    public static WebApplicationBuilder AddStructuredLogging(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonLogs();
        }

        return builder;
    }
}
