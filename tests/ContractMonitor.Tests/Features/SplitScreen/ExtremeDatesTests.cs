using System.Net;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Features.SplitScreen;

/// <summary>Dates at the ends of the calendar are user input too: a 400 that says which dates work, never a 500.</summary>
public sealed class ExtremeDatesTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("status", "1901-01-01")]
    [InlineData("status", "9998-12-31")]
    [InlineData("summary", "1901-01-01")]
    [InlineData("split-screen", "1901-01-01")]
    [InlineData("split-screen", "9998-12-31")]
    public async Task TheFirstAndLastDaysPeriodsCanNameAreAnswered(string read, string asOf)
    {
        var scenario = await ScenarioAsync();

        var response = await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/{read}?asOf={asOf}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("status", "0001-01-01")]
    [InlineData("status", "9999-12-31")]
    [InlineData("summary", "0001-01-01")]
    [InlineData("summary", "9999-12-31")]
    [InlineData("split-screen", "0001-01-01")]
    [InlineData("split-screen", "9999-12-31")]
    public async Task DatesBeyondThemAreRefusedByName(string read, string asOf)
    {
        var scenario = await ScenarioAsync();

        var response = await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/{read}?asOf={asOf}");

        Assert.Contains("1901-01-01 to 9998-12-31", (await response.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("asOf")[0], StringComparison.Ordinal);
    }

    private async Task<Scenario> ScenarioAsync()
    {
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2016, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.AddMeasureAsync("Q1", frequency: Frequency.Quarterly);
        await scenario.AddMeasureAsync("Y1", frequency: Frequency.Annual);
        return scenario;
    }
}
