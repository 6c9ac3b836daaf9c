using System.Net;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Jobs;

/// <summary>
/// Test hosts share one process, and Hangfire keeps some of its configuration in statics. A host
/// that starts and stops while another is running must leave the other able to enqueue jobs.
/// </summary>
public sealed class HostIsolationTests
{
    [Fact]
    public async Task AHostStillEnqueuesAfterAnotherHostHasStartedAndStopped()
    {
        using var running = new ClockedApiFactory();
        running.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(running);
        using (var other = new ApiFactory())
        {
            using var client = other.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }

        var request = await scenario.RequestEvaluationAsync();

        Assert.Equal(Contracts.Evaluations.EvaluationRequestStatus.Completed, request.Status);
    }
}
