using System.Diagnostics;
using ContractMonitor.Core.Telemetry;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Api;

/// <summary>
/// Activity sources and meters are process-wide, so these tests run alone: what the in-memory
/// exporters see is what this class did.
/// </summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryRunsAlone;

/// <summary>Issue 21: traces and the service's meters, read with OpenTelemetry's in-memory exporters.</summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests(TelemetryTests.Factory api) : IClassFixture<TelemetryTests.Factory>
{
    public sealed class Factory : ApiFactory
    {
        public List<Activity> Spans { get; } = [];

        public List<Metric> Metrics { get; } = [];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics));
            });
        }
    }

    [Fact]
    public async Task OneRequestIsOneServerSpanNamingItsRoute()
    {
        var scenario = await Scenario.CreateAsync(api);
        var path = $"/api/contracts/{scenario.ContractId}/status";

        var response = await scenario.Panel.GetAsync(path);

        response.EnsureSuccessStatusCode();
        var spans = await Eventually.ReadAsync(
            () => Task.FromResult(api.Spans.ToList().Where(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("url.path"), path)).ToList()),
            found => found.Count > 0, "the request's server span");
        var span = Assert.Single(spans);
        Assert.Equal("/api/contracts/{contractId}/status", span.GetTagItem("http.route"));
        Assert.Equal(200, span.GetTagItem("http.response.status_code"));
    }

    [Fact]
    public async Task AnEvaluationCountsItselfItsReturnsAndTheEscalationItOpens()
    {
        var provider = api.Services.GetRequiredService<MeterProvider>();
        provider.ForceFlush();
        var before = Sums();
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2016, 4, 1), new DateOnly(2017, 3, 31));
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2016-17", 60m, 55m);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-04", 50m), Row("A1", "2016-05", 50m))).EnsureSuccessStatusCode();

        await scenario.EvaluateAsync();
        provider.ForceFlush();

        var after = Sums();
        Assert.Equal(2, after.GetValueOrDefault("contractmonitor.returns.accepted") - before.GetValueOrDefault("contractmonitor.returns.accepted"));
        Assert.Equal(1, after.GetValueOrDefault("contractmonitor.evaluations") - before.GetValueOrDefault("contractmonitor.evaluations"));
        Assert.True(after.GetValueOrDefault("contractmonitor.escalations.opened/SustainedFailure/1")
                    > before.GetValueOrDefault("contractmonitor.escalations.opened/SustainedFailure/1"),
            string.Join(", ", after.Select(s => $"{s.Key}={s.Value}")));
        Assert.Contains(api.Metrics, m => m.Name == "contractmonitor.evaluation.duration");
    }

    /// <summary>
    /// A batch refused before its handler runs (a body that is not JSON, an empty list, a CSV file that
    /// cannot be read) counts as refused too, once, beside the ones the rules refuse.
    /// </summary>
    [Fact]
    public async Task EveryRefusedBatchCountsOnceWithWhy()
    {
        var provider = api.Services.GetRequiredService<MeterProvider>();
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2016, 4, 1), new DateOnly(2017, 3, 31));
        await scenario.AddMeasureAsync("A1");
        provider.ForceFlush();
        var before = Sums();

        await (await scenario.Provider.SubmitJsonAsync(scenario.ContractId, "{")).ReadProblemAsync(System.Net.HttpStatusCode.BadRequest);
        await (await scenario.Provider.SubmitJsonAsync(scenario.ContractId, """{"returns":[]}""")).ReadProblemAsync(System.Net.HttpStatusCode.BadRequest);
        await (await scenario.Provider.SubmitCsvAsync(scenario.ContractId, "")).ReadProblemAsync(System.Net.HttpStatusCode.BadRequest);
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("ZZ", "2016-04", 50m)))
            .ReadProblemAsync(System.Net.HttpStatusCode.UnprocessableEntity);
        await (await scenario.Provider.PostAsync($"/api/contracts/{scenario.ContractId}/returns", new StringContent("A1,2016-04,50")))
            .ReadProblemAsync(System.Net.HttpStatusCode.UnsupportedMediaType);

        // Counted as each answer completes, which the client can read before: asked again until all are in.
        var after = await Eventually.ReadAsync(() =>
        {
            provider.ForceFlush();
            return Task.FromResult(Sums());
        }, sums => sums.GetValueOrDefault("contractmonitor.returns.refused") - before.GetValueOrDefault("contractmonitor.returns.refused") >= 5,
            "every refusal counted");
        long Added(string name) => after.GetValueOrDefault(name) - before.GetValueOrDefault(name);
        Assert.Equal(3, Added("contractmonitor.returns.refused/malformed"));
        Assert.Equal(1, Added("contractmonitor.returns.refused/invalid"));
        Assert.Equal(1, Added("contractmonitor.returns.refused/unsupported_type"));
        Assert.Equal(5, Added("contractmonitor.returns.refused"));
        Assert.Equal(0, Added("contractmonitor.returns.accepted"));
    }

    /// <summary>The latest cumulative sum of each of the service's counters, and of the escalations by reason and level.</summary>
    private Dictionary<string, long> Sums()
    {
        var sums = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var metric in api.Metrics.ToList().Where(m => m.MeterName == ServiceMetrics.MeterName && m.MetricType == MetricType.LongSum))
        {
            var total = 0L;
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                total += point.GetSumLong();
                string? reason = null;
                object? level = null;
                foreach (var tag in point.Tags)
                {
                    reason = tag.Key == "reason" ? tag.Value as string : reason;
                    level = tag.Key == "level" ? tag.Value : level;
                }

                if (metric.Name == "contractmonitor.escalations.opened")
                {

                    sums[$"{metric.Name}/{reason}/{level}"] = point.GetSumLong();
                }
                else if (reason is not null)
                {
                    sums[$"{metric.Name}/{reason}"] = point.GetSumLong();
                }
            }

            sums[metric.Name] = total;
        }

        return sums;
    }
}
