using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Pages;

internal static class PageScenarios
{
    /// <summary>On 20 August 2024, a contract from April 2024 with one monthly measure, A1: target 60, tolerance 55.</summary>
    public static async Task<Scenario> OneMeasureAsync(ClockedApiFactory api)
    {
        api.Clock.Now = new DateTimeOffset(2024, 8, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2024, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2024-25", 60m, 55m);
        return scenario;
    }
}
