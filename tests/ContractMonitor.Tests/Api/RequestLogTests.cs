using System.Net;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ContractMonitor.Tests.Api;

/// <summary>Issue 21: one log line per request, naming the route template, status, duration and trace id; never the token or the body.</summary>
public sealed class RequestLogTests(RequestLogTests.Factory api) : IClassFixture<RequestLogTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        public CapturedLogs Logs { get; } = new();

        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Microsoft.AspNetCore.HttpLogging"] = "Information",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }

    [Fact]
    public async Task EachRequestIsOneLineWithItsRouteStatusDurationAndTraceId()
    {
        var scenario = await Scenario.CreateAsync(api);
        var token = TestTokens.For(Role.Panel, scenario.Council, "cllr.logged");
        var client = api.ClientWithToken(token);

        var response = await client.GetAsync($"/api/contracts/{scenario.ContractId}/status?asOf=2016-12-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var missing = await client.GetAsync("/api/contracts/999999999/status");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var lines = api.Logs.Lines.Where(l => l.Category.StartsWith("Microsoft.AspNetCore.HttpLogging", StringComparison.Ordinal)).ToList();
        var status = Assert.Single(lines, l => l.Message.Contains("/api/contracts/{contractId}/status", StringComparison.Ordinal)
                                               && l.Message.Contains("StatusCode: 200", StringComparison.Ordinal));
        Assert.Contains("Method: GET", status.Message, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(status.Message, "Duration: [0-9.]+"), status.Message); // milliseconds
        Assert.Matches("TraceId: [0-9a-f]{32}", status.Message);
        Assert.Single(lines, l => l.Message.Contains("/api/contracts/{contractId}/status", StringComparison.Ordinal)
                                  && l.Message.Contains("StatusCode: 404", StringComparison.Ordinal));
        Assert.All(lines, l =>
        {
            Assert.DoesNotContain(token, l.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Authorization", l.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(scenario.ContractId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/status", l.Message, StringComparison.Ordinal);
        });
    }
}
