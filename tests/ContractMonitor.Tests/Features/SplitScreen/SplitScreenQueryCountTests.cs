using System.Globalization;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Contracts.SplitScreen;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.SplitScreen;

/// <summary>
/// The split screen reads each side for all measures at once: a contract of 50 measures costs the
/// same statements as one of 5, not one more per measure.
/// </summary>
public sealed class SplitScreenQueryCountTests(CountingApiFactory api) : IClassFixture<CountingApiFactory>
{
    /// <summary>
    /// Commands: the contract as the caller may see it (contract and ladder in one), the centre
    /// (measures with their ratings, and open escalations, in one), the trust's side (figures,
    /// claims) and the council's (challenges, responses), the periods' sign-off states, and the
    /// agreed exceptions with their steps.
    /// </summary>
    private const int StatementsPerSplitScreen = 9;

    [Fact]
    public async Task FiftyMeasuresCostNoMoreStatementsThanFive()
    {
        var five = await CountAsync(5);
        var fifty = await CountAsync(50);

        Assert.Equal((StatementsPerSplitScreen, StatementsPerSplitScreen), (five, fifty));
    }

    private async Task<int> CountAsync(int measures)
    {
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        var codes = Enumerable.Range(1, measures).Select(i => string.Create(CultureInfo.InvariantCulture, $"M{i:00}")).ToList();
        var rows = new List<ReturnRowRequest>();
        foreach (var code in codes)
        {
            await scenario.AddMeasureAsync(code);
            await scenario.SetTargetAsync(code, "2026-27", 60m, 55m);
            rows.Add(Row(code, "2026-06", 50m, commentary: "June."));
            rows.Add(Row(code, "2026-07", 52m, commentary: "July."));
        }

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, [.. rows])).EnsureSuccessStatusCode();
        foreach (var code in codes)
        {
            await scenario.ClaimAsync(code, "2026-07", "A further note.");
            var challenge = await scenario.ChallengeAsync(code, "2026-07", "Why?");
            await scenario.RespondAsync(challenge.Id, "Because.");
            await scenario.ChallengeAsync(code, "2026-06", "And June?");
        }

        await scenario.EvaluateAsync();
        var url = $"/api/contracts/{scenario.ContractId}/split-screen";
        var client = scenario.Panel;

        api.Statements.Reset();
        var screen = await client.GetAsync<SplitScreenResponse>(url);
        var count = api.Statements.Commands;

        Assert.Equal(measures, screen!.Rows.Count);
        Assert.All(screen.Rows, r => Assert.Equal((2, 2), (r.Provider.Claims.Count, r.Commissioner.Challenges.Count)));
        return count;
    }
}
