using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Spc;

internal static class SpcScenario
{
    /// <summary>
    /// A1 (higher is better, target 60): twelve months alternating 58 and 62, then seven at 56 to 57:
    /// the last seven are a shift below the mean, a concern. B1 has only five months.
    /// </summary>
    public static async Task<Scenario> CreateAsync(ClockedApiFactory api)
    {
        api.Clock.Now = new DateTimeOffset(2025, 11, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2024, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.AddMeasureAsync("B1");
        await scenario.SetTargetAsync("A1", "2024-25", 60m, 55m);
        await scenario.SetTargetAsync("A1", "2025-26", 60m, 55m);
        var months = Enumerable.Range(0, 19).Select(i => new DateOnly(2024, 4, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var values = new[] { 58m, 62m, 58m, 62m, 58m, 62m, 58m, 62m, 58m, 62m, 58m, 62m, 57m, 56m, 57m, 56m, 57m, 56m, 57m };
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            [.. months.Select((m, i) => Row("A1", m, values[i])), .. months.Take(5).Select(m => Row("B1", m, 50m))])).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        return scenario;
    }
}
