using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Jobs;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Jobs;

/// <summary>
/// Issue 22, item 7: evaluate-due and mark-past-due fire together at 00:15, and a long run can
/// outlast five minutes. One run over the due contracts at a time, through a lock in Hangfire's
/// storage (which holds across workers on SQL Server).
/// </summary>
public sealed class EvaluationRunLockTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly DateTimeOffset Today = new(2026, 6, 20, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ARunThatFindsAnotherInProgressLeavesTheMarksToIt()
    {
        var scenario = await MarkedAsync();
        var jobs = api.Services.GetRequiredService<EvaluationJobs>();
        var evaluator = api.Services.GetRequiredService<ContractEvaluator>();

        using (HoldRunLock())
        {
            await jobs.EvaluateDueAsync(TestContext.Current.CancellationToken);
            Assert.Contains(scenario.ContractId, await evaluator.ContractsDueAsync(TestContext.Current.CancellationToken));
        }

        await jobs.EvaluateDueAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(scenario.ContractId, await evaluator.ContractsDueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["2026-04 Failing", "2026-05 Failing"], await RatingsAsync(scenario));
    }

    /// <summary>
    /// The marking does not wait for a run in progress (that would hold a Hangfire worker idle): it
    /// marks, leaves the evaluation to that run or the next, and the next rates the periods Missing.
    /// </summary>
    [Fact]
    public async Task MarkingPastDueDuringARunMarksAndLeavesTheEvaluationToTheNextRun()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1), monitoredFrom: new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        var jobs = api.Services.GetRequiredService<EvaluationJobs>();
        var evaluator = api.Services.GetRequiredService<ContractEvaluator>();
        Assert.DoesNotContain(scenario.ContractId, await evaluator.ContractsDueAsync(TestContext.Current.CancellationToken));

        using (HoldRunLock())
        {
            await jobs.MarkPastDueAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.Contains(scenario.ContractId, await evaluator.ContractsDueAsync(TestContext.Current.CancellationToken));
            Assert.Empty(await RatingsAsync(scenario));
        }

        await jobs.EvaluateDueAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(scenario.ContractId, await evaluator.ContractsDueAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["2026-04 Missing", "2026-05 Missing"], await RatingsAsync(scenario));
    }

    /// <summary>A contract whose two failing months are marked for evaluation and not yet rated.</summary>
    private async Task<Scenario> MarkedAsync()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2026-27", 60m, 55m);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-04", 50m), Row("A1", "2026-05", 50m)))
            .EnsureSuccessStatusCode();
        return scenario;
    }

    /// <summary>The lock as another worker's run holds it: on its own storage connection, from another thread.</summary>
    private Held HoldRunLock()
    {
        var connection = api.Services.GetRequiredService<JobStorage>().GetConnection();
        var held = Task.Run(() => connection.AcquireDistributedLock(EvaluationJobs.RunLock, TimeSpan.FromSeconds(5))).GetAwaiter().GetResult();
        return new Held(held, connection);
    }

    private static async Task<string[]> RatingsAsync(Scenario scenario) =>
        [.. (await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history"))!
            .Periods.Where(p => p.Rating != Rating.Pending).Select(p => $"{p.Period} {p.Rating}")];

    private sealed class Held(IDisposable @lock, IDisposable connection) : IDisposable
    {
        public void Dispose()
        {
            @lock.Dispose();
            connection.Dispose();
        }
    }
}
