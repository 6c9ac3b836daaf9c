using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Pages;

/// <summary>Issue 17: the split screen as a page, both voices side by side.</summary>
public sealed class SplitScreenPageTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task BothVoicesShowBesideEachOtherWithTheRevisionSinceTheChallenge()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-07", 52m, commentary: "Two social workers <left> in June."))).EnsureSuccessStatusCode();
        var challenge = await scenario.ChallengeAsync("A1", "2024-07", "What is the recovery plan?");
        await scenario.RespondAsync(challenge.Id, "Agency cover starts on 10 August.");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-07", 55.5m, commentary: "Corrected: six visits recorded late."))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var chair = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);

        var html = await chair.GetStringAsync($"/contracts/{scenario.ContractId}/split-screen?asOf=2024-07-31");

        Assert.Contains("Two social workers &lt;left&gt; in June.", html, StringComparison.Ordinal);
        Assert.Contains("Corrected: six visits recorded late.", html, StringComparison.Ordinal);
        Assert.Contains("What is the recovery plan?", html, StringComparison.Ordinal);
        Assert.Contains("Agency cover starts on 10 August.", html, StringComparison.Ordinal);
        Assert.Contains("challenged 52.0% (revision 1), now 55.5% (revision 2)", html, StringComparison.Ordinal);
        Assert.Contains("Within tolerance", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("The trust's account", StringComparison.Ordinal) < html.IndexOf("The council's challenge", StringComparison.Ordinal));
    }
}
