using System.Net;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Pages;

/// <summary>Issue 17: the two voices on pages: the council writes and closes a challenge, the trust responds.</summary>
public sealed class ChallengePagesTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    [Fact]
    public async Task AChallengeIsWrittenRespondedToAndClosedWithEveryMistakeNamedBesideItsField()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-07", 52m))).EnsureSuccessStatusCode();
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council, "carol.officer");
        var trust = await PageSession.SignInAsync(api, Role.Provider, scenario.Trust, "pat.datalead");
        var form = $"/contracts/{scenario.ContractId}/measures/A1/challenges/new?period=2024-07";

        var wrong = await officer.PostAsync(form, await PageSession.FormAsync(officer, form, new()
        {
            ["period"] = "2024-13", ["text"] = " ", ["responseDueDate"] = "soon",
        }));
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        foreach (var field in new[] { "period", "text", "responseDueDate" })
        {
            Assert.Contains($"<a href=\"#{field}\">", wrongPage, StringComparison.Ordinal);
        }

        var written = await officer.PostAsync(form, await PageSession.FormAsync(officer, form, new()
        {
            ["period"] = "2024-07", ["text"] = "Why has it fallen?", ["responseDueDate"] = "2024-08-30",
        }));
        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        var page = written.Headers.Location!.OriginalString;
        var writtenPage = await officer.GetStringAsync(page);
        Assert.Contains("The challenge has been written.", writtenPage, StringComparison.Ordinal);
        Assert.Contains("52.0% (revision 1)", writtenPage, StringComparison.Ordinal);

        var responded = await trust.PostAsync(page + "?handler=Respond", await PageSession.FormAsync(trust, page, new() { ["text"] = "Two staff left in June." }));
        Assert.Equal((HttpStatusCode.Redirect, page), (responded.StatusCode, responded.Headers.Location!.OriginalString));
        Assert.Contains("The trust's response has been recorded.", WebUtility.HtmlDecode(await trust.GetStringAsync(page)), StringComparison.Ordinal);
        // The address cannot say so: a crafted link shows no banner.
        Assert.DoesNotContain("has been", await trust.GetStringAsync(page + "?done=written"), StringComparison.Ordinal);

        var disputedWithoutNote = await officer.PostAsync(page + "?handler=Close", await PageSession.FormAsync(officer, page, new() { ["outcome"] = "Disputed" }));
        Assert.Contains("<a href=\"#note\">", await disputedWithoutNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var closed = await officer.PostAsync(page + "?handler=Close", await PageSession.FormAsync(officer, page, new() { ["outcome"] = "Agreed" }));
        Assert.Equal(HttpStatusCode.Redirect, closed.StatusCode);

        var challenge = (await scenario.Commissioner.GetAsync<ChallengeDetail>("/api" + page))!;
        Assert.Equal((ChallengeStatus.Closed, ChallengeOutcome.Agreed, "Why has it fallen?", new DateOnly(2024, 8, 30)),
            (challenge.Status, challenge.Outcome, challenge.Text, challenge.ResponseDueDate));
        Assert.Equal(("Two staff left in June.", "pat.datalead"), (challenge.Responses[0].Text, challenge.Responses[0].Author));
    }

    [Fact]
    public async Task AResponseToAChallengeClosedWhileTheFormWasOpenIsHandedBackNotLost()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        var challenge = await Features.SplitScreen.VoicesApi.ChallengeAsync(scenario, "A1", "2024-07", "Why?");
        var trust = await PageSession.SignInAsync(api, Role.Provider, scenario.Trust);
        var page = $"/challenges/{challenge.Id}";
        var form = await PageSession.FormAsync(trust, page, new() { ["text"] = "Two staff left in June." });
        await Features.SplitScreen.VoicesApi.CloseAsync(scenario, challenge.Id, ChallengeOutcome.Agreed, null);

        var response = await trust.PostAsync(page + "?handler=Respond", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"Not saved. Challenge {challenge.Id} was closed as Agreed", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"govuk-inset-text\" id=\"unsaved\">Two staff left in June.</div>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-error-summary", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"text\"", html, StringComparison.Ordinal);
        Assert.Empty((await scenario.Commissioner.GetAsync<ChallengeDetail>($"/api{page}"))!.Responses);
    }

    [Fact]
    public async Task OnlyTheCouncilWritesAndClosesAndOnlyTheTrustResponds()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        var challenge = await Features.SplitScreen.VoicesApi.ChallengeAsync(scenario, "A1", "2024-07", "Why?");
        var trust = await PageSession.SignInAsync(api, Role.Provider, scenario.Trust);
        var chair = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);
        var page = $"/challenges/{challenge.Id}";

        Assert.Equal(HttpStatusCode.Forbidden, (await trust.GetAsync($"/contracts/{scenario.ContractId}/measures/A1/challenges/new")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await trust.PostAsync(page + "?handler=Close",
            await PageSession.FormAsync(trust, page, new() { ["outcome"] = "Agreed" }))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await chair.PostAsync(page + "?handler=Respond",
            await PageSession.FormAsync(chair, page, new() { ["text"] = "A councillor's answer." }))).StatusCode);
        Assert.Equal(ChallengeStatus.Open, (await scenario.Commissioner.GetAsync<ChallengeDetail>($"/api{page}"))!.Status);
    }
}
