using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace ContractMonitor.Core.Logging;

/// <summary>
/// One JSON object per line, for the api and the worker alike, so a log pipeline reads both the same
/// way: UTC timestamps in ISO 8601 with milliseconds, and the scopes (trace id, route) with them.
/// </summary>
public static class JsonLogs
{
    /// <summary>ISO 8601 in UTC. No trailing space: the formatter writes the value as it is (issue 21).</summary>
    public const string TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";

    public static ILoggingBuilder AddJsonLogs(this ILoggingBuilder logging) => logging.AddJsonConsole(Configure);

    public static void Configure(JsonConsoleFormatterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.IncludeScopes = true;
        options.UseUtcTimestamp = true;
        options.TimestampFormat = TimestampFormat;
    }
}
