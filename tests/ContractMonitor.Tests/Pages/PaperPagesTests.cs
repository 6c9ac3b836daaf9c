using System.Net;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.Papers;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Pages;

/// <summary>
/// Issue 18 on the pages: officers preview a paper and publish it from a form; everyone who sees the
/// contract reads it as published, with what has changed since beside it, never written into it.
/// </summary>
public sealed class PaperPagesTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly string[] Sections = ["Summary", "Exceptions", "All measures", "Changes since the last paper", "Publish this paper"];

    private static string Text(string html) => WebUtility.HtmlDecode(html);

    private static async Task<string> PublishAsync(HttpClient officer, Scenario scenario, string title = "Children's services performance, Q1")
    {
        var preview = $"/contracts/{scenario.ContractId}/papers/preview?period=2016-17-Q1";
        var published = await officer.PostAsync(preview, await PageSession.FormAsync(officer, preview, new()
        {
            ["period"] = "2016-17-Q1", ["title"] = title, ["meetingDate"] = "2016-09-14",
        }));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        return published.Headers.Location!.OriginalString;
    }

    [Fact]
    public async Task AnOfficerPreviewsThePaperWithEverySectionInOrderAndItsWordDocument()
    {
        var scenario = await PaperScenario.CreateAsync(api);
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);
        var url = $"/contracts/{scenario.ContractId}/papers/preview?period=2016-17-Q1";

        var html = Text(await officer.GetStringAsync(url));
        var content = (await scenario.Commissioner.GetAsync<PaperContent>($"/api/contracts/{scenario.ContractId}/papers/preview?period=2016-17-Q1"))!;

        Assert.Contains("Draft, not published.", html, StringComparison.Ordinal);
        Assert.Contains(content.Summary, html, StringComparison.Ordinal);
        Assert.Contains("Q1 2016-17 (April to June 2016): 42.0%, failing", html, StringComparison.Ordinal);
        Assert.Contains("Latest month, July 2016: 35.0%, failing.", html, StringComparison.Ordinal);
        Assert.Contains("Two social workers left in June.", html, StringComparison.Ordinal);
        Assert.Contains("What is the recruitment plan?", html, StringComparison.Ordinal);
        Assert.Contains("Agency staff start in September.", html, StringComparison.Ordinal);
        Assert.Contains("Workforce", html, StringComparison.Ordinal);
        Assert.Contains("This is the first paper published for this contract.", html, StringComparison.Ordinal);
        var order = Sections.Select(h => html.IndexOf($">{h}<", StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        foreach (var code in new[] { "A1", "B1", "C1", "D1", "E1" })
        {
            Assert.Contains($">{code} <span", html, StringComparison.Ordinal);
        }

        var document = await officer.GetAsync($"/contracts/{scenario.ContractId}/papers/preview/document?period=2016-17-Q1");
        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", document.Content.Headers.ContentType!.MediaType);
        Assert.Contains("42.0%", PaperDocumentText.Of(await document.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongPeriodIsSaidBesideItsFieldAndNothingIsShown()
    {
        var scenario = await PaperScenario.CreateAsync(api);
        var officer = await PageSession.SignInAsync(api, Role.Admin, scenario.Council);

        var month = await officer.GetStringAsync($"/contracts/{scenario.ContractId}/papers/preview?period=2016-07");
        var future = await officer.GetStringAsync($"/contracts/{scenario.ContractId}/papers/preview?period=2016-17-Q4");
        var blank = await officer.GetStringAsync($"/contracts/{scenario.ContractId}/papers/preview");
        var document = await officer.GetAsync($"/contracts/{scenario.ContractId}/papers/preview/document?period=nonsense");

        Assert.StartsWith("Error: ", PageSession.TitleOf(month), StringComparison.Ordinal);
        Assert.Contains("<a href=\"#period\">", month, StringComparison.Ordinal);
        Assert.Contains("is a month: a paper reports a quarter", Text(month), StringComparison.Ordinal);
        Assert.DoesNotContain("Publish this paper", month, StringComparison.Ordinal);
        Assert.Contains("has not begun by 2016-08-20", Text(future), StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-error-summary", blank, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Redirect, $"/contracts/{scenario.ContractId}/papers/preview?period=nonsense"),
            (document.StatusCode, document.Headers.Location!.OriginalString));
    }

    [Fact]
    public async Task PublishingFromTheFormFreezesThePaperAndTheNoticeListsWhatChangedSince()
    {
        var scenario = await PaperScenario.CreateAsync(api);
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);
        var preview = $"/contracts/{scenario.ContractId}/papers/preview?period=2016-17-Q1";

        var empty = await officer.PostAsync(preview, await PageSession.FormAsync(officer, preview, new() { ["period"] = "2016-17-Q1", ["title"] = " " }));
        var emptyPage = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("<a href=\"#title\">", emptyPage, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#meetingDate\">", emptyPage, StringComparison.Ordinal);
        Assert.Contains("Q1 2016-17 (April to June 2016): 42.0%", Text(emptyPage), StringComparison.Ordinal);
        Assert.Empty((await scenario.Panel.GetAsync<PaperListResponse>($"/api/contracts/{scenario.ContractId}/papers"))!.Papers);

        var paperUrl = await PublishAsync(officer, scenario);
        var first = Text(await officer.GetStringAsync(paperUrl));
        Assert.Contains("“Children's services performance, Q1” has been published.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("has been published", Text(await officer.GetStringAsync(paperUrl)), StringComparison.Ordinal);

        var id = long.Parse(paperUrl["/papers/".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var viaApi = await (await scenario.Panel.GetAsync($"/api/papers/{id}/document")).Content.ReadAsByteArrayAsync();
        var chair = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);
        var download = await chair.GetAsync($"{paperUrl}/document");
        Assert.Equal(viaApi, await download.Content.ReadAsByteArrayAsync());
        var hash = (await scenario.Panel.GetAsync<PaperResponse>($"/api/papers/{id}"))!.Paper.Hash;
        Assert.Equal($"\"{hash}\"", download.Headers.ETag!.ToString());

        // After publication: June revised, a challenge written, and the evaluation run.
        api.Clock.Now = PaperScenario.Day.AddDays(2);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-06", 60m, 30m, 50m))).EnsureSuccessStatusCode();
        await scenario.ChallengeAsync("B1", "2016-05", "Why was June not sent?");
        await scenario.EvaluateAsync();

        // Two days on, the sign-in cookies of the day of publication have expired.
        chair = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);
        officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);
        var after = Text(await chair.GetStringAsync(paperUrl));
        Assert.Contains("Changed since this paper was published", after, StringComparison.Ordinal);
        Assert.Contains("A1 2016-06 revised from 30.0% to 60.0%", after, StringComparison.Ordinal);
        Assert.Contains(" on B1 2016-05 written by ", after, StringComparison.Ordinal);
        // The third kind: the evaluation changed A1's escalation once June no longer failed.
        var escalationChange = (await scenario.Panel.GetAsync<PaperChangesResponse>($"/api/papers/{id}/changes"))!.Changes
            .First(c => c.Kind is PaperChangeKind.EscalationChanged or PaperChangeKind.EscalationResolved);
        Assert.Contains(escalationChange.Text, after, StringComparison.Ordinal);
        Assert.Contains("Q1 2016-17 (April to June 2016): 42.0%, failing", after, StringComparison.Ordinal);
        Assert.DoesNotContain("Withdraw this paper", after, StringComparison.Ordinal);
        Assert.Equal(viaApi, await (await chair.GetAsync($"{paperUrl}/document")).Content.ReadAsByteArrayAsync());

        var trust = await PageSession.SignInAsync(api, Role.Provider, scenario.Trust);
        var list = Text(await trust.GetStringAsync($"/contracts/{scenario.ContractId}/papers"));
        Assert.Contains("Children's services performance, Q1", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Prepare a paper", list, StringComparison.Ordinal);
        Assert.Contains("Prepare a paper", Text(await officer.GetStringAsync($"/contracts/{scenario.ContractId}/papers")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameFormSentTwicePublishesOnePaperAndAPastPreviewOffersNoPublishForm()
    {
        var scenario = await PaperScenario.CreateAsync(api);
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);
        var preview = $"/contracts/{scenario.ContractId}/papers/preview?period=2016-17-Q1";
        var fields = new Dictionary<string, string>
        {
            ["period"] = "2016-17-Q1", ["title"] = "Quarter one", ["meetingDate"] = "2016-09-14", ["key"] = "form-7",
        };

        var first = await officer.PostAsync(preview, await PageSession.FormAsync(officer, preview, fields));
        var second = await officer.PostAsync(preview, await PageSession.FormAsync(officer, preview, fields));

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Single((await scenario.Panel.GetAsync<PaperListResponse>($"/api/contracts/{scenario.ContractId}/papers"))!.Papers);
        var past = await officer.GetStringAsync(preview + "&knownAt=2016-08-01");
        Assert.DoesNotContain("Publish this paper", past, StringComparison.Ordinal);
        Assert.Contains("preview it as known now", past, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOfficerWithdrawsAPaperWithAReasonAndItStaysListedAsWithdrawn()
    {
        var scenario = await PaperScenario.CreateAsync(api);
        var officer = await PageSession.SignInAsync(api, Role.Admin, scenario.Council, "alex.admin");
        var paperUrl = await PublishAsync(officer, scenario);
        var withdraw = paperUrl + "?handler=Withdraw";

        var blank = await officer.PostAsync(withdraw, await PageSession.FormAsync(officer, paperUrl, new() { ["reason"] = " " }));
        var blankPage = await blank.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("<a href=\"#reason\">", blankPage, StringComparison.Ordinal);
        Assert.StartsWith("Error: ", PageSession.TitleOf(blankPage), StringComparison.Ordinal);

        var form = await PageSession.FormAsync(officer, paperUrl, new() { ["reason"] = "June's figures were wrong." });
        var again = await PageSession.FormAsync(officer, paperUrl, new() { ["reason"] = "A second time." });
        var done = await officer.PostAsync(withdraw, form);
        Assert.Equal((HttpStatusCode.Redirect, paperUrl), (done.StatusCode, done.Headers.Location!.OriginalString));
        var page = Text(await officer.GetStringAsync(paperUrl));
        Assert.Contains("This paper was withdrawn by alex.admin", page, StringComparison.Ordinal);
        Assert.Contains("June's figures were wrong.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Withdraw this paper", page, StringComparison.Ordinal);

        // A form left open elsewhere: refused, shown as it now is, with the reason handed back.
        var twice = Text(await (await officer.PostAsync(withdraw, again)).Content.ReadAsStringAsync());
        Assert.Contains("Not saved.", twice, StringComparison.Ordinal);
        Assert.Contains("A second time.", twice, StringComparison.Ordinal);

        var list = await officer.GetStringAsync($"/contracts/{scenario.ContractId}/papers");
        Assert.Contains("Withdrawn</strong>", list, StringComparison.Ordinal);
        var paper = (await scenario.Panel.GetAsync<PaperListResponse>($"/api/contracts/{scenario.ContractId}/papers"))!.Papers.Single();
        Assert.Equal(("June's figures were wrong.", "alex.admin"), (paper.WithdrawnReason, paper.WithdrawnBy));
    }
}
