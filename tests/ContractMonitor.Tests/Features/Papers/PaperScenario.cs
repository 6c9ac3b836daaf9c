using ContractMonitor.Contracts.Measures;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Papers;

/// <summary>
/// A contract with every kind of row a Q1 2016-17 paper shows, on 20 August 2016:
/// A1 a percentage failing (42.0% for the quarter, July 35.0%), escalated, with a claim, a challenge and a response;
/// B1 a count summed over a quarter missing June (20, indicative);
/// C1 a quarterly percentage on target;
/// D1 a snapshot (Latest) on target but in sustained decline, in its own category;
/// E1 a percentage with no target for the year (not yet rated).
/// </summary>
internal static class PaperScenario
{
    public static readonly DateTimeOffset Day = new(2016, 8, 20, 9, 0, 0, TimeSpan.Zero);

    public static async Task<Scenario> CreateAsync(ClockedApiFactory api)
    {
        api.Clock.Now = Day;
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1");
        await scenario.AddMeasureAsync("B1", Polarity.LowerIsBetter, MeasureUnit.Count, 0, rollup: Rollup.Sum);
        await scenario.AddMeasureAsync("C1", frequency: Frequency.Quarterly);
        await scenario.AddMeasureAsync("D1", Polarity.LowerIsBetter, MeasureUnit.Number, 0, category: "Workforce");
        await scenario.AddMeasureAsync("E1");
        await scenario.SetTargetAsync("A1", "2016-17", 60m, 55m);
        await scenario.SetTargetAsync("B1", "2016-17", 30m, 40m);
        await scenario.SetTargetAsync("C1", "2016-17", 60m, 55m);
        await scenario.SetTargetAsync("D1", "2016-17", 10m, 12m);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2016-04", 40m, 40m, 100m), Row("A1", "2016-05", 50m, 50m, 100m),
            Row("A1", "2016-06", 30m, 15m, 50m, "Two social workers left in June."), Row("A1", "2016-07", 35m, 35m, 100m),
            Row("B1", "2016-04", 10m), Row("B1", "2016-05", 10m),
            Row("C1", "2016-17-Q1", 70m),
            Row("D1", "2016-04", 5m), Row("D1", "2016-05", 6m), Row("D1", "2016-06", 7m), Row("D1", "2016-07", 8m),
            Row("E1", "2016-04", 50m), Row("E1", "2016-05", 50m), Row("E1", "2016-06", 50m), Row("E1", "2016-07", 50m)))
            .EnsureSuccessStatusCode();
        var challenge = await scenario.ChallengeAsync("A1", "2016-06", "What is the recruitment plan?");
        await scenario.RespondAsync(challenge.Id, "Agency staff start in September.");
        await scenario.EvaluateAsync();
        return scenario;
    }
}
