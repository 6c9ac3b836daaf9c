using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Returns;

public sealed class LateReturnsTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Theory]
    [InlineData("2026-08-15T22:59:59Z", false)] // 23:59:59 BST on the due date
    [InlineData("2026-08-15T23:00:00Z", true)] // 00:00 BST on the 16th, still the 15th in UTC
    [InlineData("2026-08-01T00:00:00Z", false)]
    public async Task AReturnIsLateAfterItsDueDateInEnglishTime(string now, bool late)
    {
        var scenario = await ScenarioWithMeasuresAsync(api, new DateOnly(2026, 4, 1));
        api.Clock.Now = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        var stored = (await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 50))).ReadStoredAsync()).Returns.Single();

        Assert.Equal((new DateOnly(2026, 8, 15), late), (stored.DueDate, stored.Late));
        Assert.Equal(late, (await scenario.Provider.ListAsync(scenario.ContractId)).Returns.Single().Late);
    }

    [Theory]
    [InlineData("2026-08-31T22:59:59Z", "2026-09", false)] // 23:59:59 BST on 31 August: September has not begun
    [InlineData("2026-08-31T23:00:00Z", "2026-09", true)]
    [InlineData("2026-08-31T23:00:00Z", "2026-27-Q2", true)]
    [InlineData("2026-08-31T23:00:00Z", "2026-27-Q3", false)]
    public async Task APeriodMayBeReportedOnceItHasBegunInEnglishTime(string now, string period, bool accepted)
    {
        var scenario = await ScenarioWithMeasuresAsync(api, new DateOnly(2026, 4, 1));
        api.Clock.Now = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture);

        var response = await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row(period.Contains('Q') ? "Q1" : "A1", period, 50));

        Assert.Equal(accepted, response.IsSuccessStatusCode);
    }
}
