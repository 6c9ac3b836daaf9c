using System.Text.Json;
using ContractMonitor.Core.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace ContractMonitor.Tests.Logging;

/// <summary>Issue 21: the api's and the worker's log lines, as the JSON formatter they both use writes them.</summary>
public sealed class JsonLogsTests
{
    [Fact]
    public void ALogLineIsOneJsonObjectWithAnIsoUtcTimestampAndNoTrailingSpace()
    {
        using var services = new ServiceCollection().AddLogging(logging => logging.AddJsonLogs()).BuildServiceProvider();
        var formatter = services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        using var writer = new StringWriter();

        formatter.Write(new LogEntry<string>(LogLevel.Information, "ContractMonitor", new EventId(1), "Evaluated 3 contracts", null, (s, _) => s),
            new LoggerExternalScopeProvider(), writer);

        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = JsonDocument.Parse(Assert.Single(lines)).RootElement;
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", line.GetProperty("Timestamp").GetString());
        Assert.Equal("Evaluated 3 contracts", line.GetProperty("Message").GetString());
    }
}
