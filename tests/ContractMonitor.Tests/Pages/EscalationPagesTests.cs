using System.Net;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Pages;

/// <summary>Issue 17: the escalations list and an escalation's page, with the council's acknowledgement.</summary>
public sealed class EscalationPagesTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    /// <summary>A1 failing three months: a sustained failure raised in May, escalated to level 2 in June.</summary>
    private async Task<(Scenario Scenario, EscalationResponse Escalation)> RaisedAsync()
    {
        api.Clock.Now = new DateTimeOffset(2024, 7, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2024, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2024-25", 60m, 55m);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-04", 50m), Row("A1", "2024-05", 50m), Row("A1", "2024-06", 50m)))
            .EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var list = await scenario.Commissioner.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations");
        return (scenario, list!.Escalations.Single());
    }

    [Fact]
    public async Task TheListLinksToEachEscalationAndItsPageTellsItsStory()
    {
        var (scenario, escalation) = await RaisedAsync();
        var chair = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);

        var list = await chair.GetStringAsync($"/contracts/{scenario.ContractId}/escalations");
        var page = await chair.GetStringAsync($"/escalations/{escalation.Id}");

        Assert.Contains($"href=\"/escalations/{escalation.Id}\"", list, StringComparison.Ordinal);
        Assert.Contains("Sustained failure, raised in 2024-05", page, StringComparison.Ordinal);
        Assert.Contains("Raised in 2024-05, level 1", page, StringComparison.Ordinal);
        Assert.Contains("Escalated in 2024-06, level 2 (Director)", page, StringComparison.Ordinal);
        // The chair reads it but cannot acknowledge it.
        Assert.DoesNotContain("name=\"note\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOfficerAcknowledgesItAndSeesItRecorded()
    {
        var (scenario, escalation) = await RaisedAsync();
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council, "carol.officer");
        var url = $"/escalations/{escalation.Id}";

        var empty = await officer.PostAsync(url, await PageSession.FormAsync(officer, url, new() { ["note"] = "  " }));
        var emptyPage = await empty.Content.ReadAsStringAsync();
        var done = await officer.PostAsync(url, await PageSession.FormAsync(officer, url, new() { ["note"] = "On the agenda for the challenge meeting." }));

        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("govuk-error-summary", emptyPage, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#note\">", emptyPage, StringComparison.Ordinal);
        Assert.StartsWith("Error: ", PageSession.TitleOf(emptyPage), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, url), (done.StatusCode, done.Headers.Location!.OriginalString));
        var after = WebUtility.HtmlDecode(await officer.GetStringAsync(done.Headers.Location.OriginalString));
        Assert.Contains("The council's acknowledgement has been recorded.", after, StringComparison.Ordinal);
        // The banner is said once, and no link can say it: it travels in TempData, not the address.
        Assert.DoesNotContain("acknowledgement has been recorded", await officer.GetStringAsync(url), StringComparison.Ordinal);
        Assert.DoesNotContain("acknowledgement has been recorded", await officer.GetStringAsync(url + "?acknowledged=true"), StringComparison.Ordinal);
        Assert.Contains("On the agenda for the challenge meeting.", after, StringComparison.Ordinal);
        var events = (await scenario.Commissioner.GetAsync<EscalationResponse>($"/api/escalations/{escalation.Id}"))!.Events;
        Assert.Equal((EscalationEventType.Acknowledged, "carol.officer"), (events[^1].Type, events[^1].Actor));
    }

    [Fact]
    public async Task AnEscalationResolvedWhileTheFormWasOpenIsShownAsItIsNowWithTheNoteHandedBack()
    {
        var (scenario, escalation) = await RaisedAsync();
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);
        var url = $"/escalations/{escalation.Id}";
        var form = await PageSession.FormAsync(officer, url, new() { ["note"] = "On the agenda." });
        // Meanwhile the trust revises May and June, and the failure that raised it is gone.
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-05", 61m), Row("A1", "2024-06", 61m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var response = await officer.PostAsync(url, form);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Not saved.", page, StringComparison.Ordinal);
        Assert.Contains("<div class=\"govuk-inset-text\" id=\"unsaved\">On the agenda.</div>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-error-summary", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"note\"", page, StringComparison.Ordinal);
        Assert.Contains(">Resolved</strong>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATrustCannotAcknowledgeAndGetsTheForbiddenPage()
    {
        var (scenario, escalation) = await RaisedAsync();
        var trust = await PageSession.SignInAsync(api, Role.Provider, scenario.Trust);
        var url = $"/escalations/{escalation.Id}";

        var forbidden = await trust.PostAsync(url, await PageSession.FormAsync(trust, "/", new() { ["note"] = "We accept it." }));

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("You cannot do that – ContractMonitor", PageSession.TitleOf(await forbidden.Content.ReadAsStringAsync()));
        var events = (await scenario.Commissioner.GetAsync<EscalationResponse>($"/api/escalations/{escalation.Id}"))!.Events;
        Assert.DoesNotContain(events, e => e.Type == EscalationEventType.Acknowledged);
    }
}
