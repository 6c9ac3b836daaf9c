using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Papers;

/// <summary>Issue 18: a published paper is frozen; what changed afterwards is listed beside it, never written into it.</summary>
public sealed class PublishedPaperTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static async Task<PublishedPaper> PublishAsync(Scenario scenario, string title = "Children's services performance, Q1")
    {
        var response = await scenario.Commissioner.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/papers",
            new PublishPaperRequest("2016-17-Q1", new DateOnly(2016, 9, 14), title), JsonDefaults.Web);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var paper = (await response.Content.ReadFromJsonAsync<PublishedPaper>(JsonDefaults.Web))!;
        Assert.Equal($"/api/papers/{paper.Id}", response.Headers.Location!.OriginalString);
        return paper;
    }

    [Fact]
    public async Task APublishedPaperNeverChangesAndListsWhatChangedSince()
    {
        var scenario = await PaperScenario.CreateAsync(api);
        var paper = await PublishAsync(scenario);
        var document = await scenario.Panel.GetAsync($"/api/papers/{paper.Id}/document");
        var bytes = await document.Content.ReadAsByteArrayAsync();
        var content = await scenario.Panel.GetStringAsync($"/api/papers/{paper.Id}");
        Assert.Equal(paper.Hash, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Equal($"\"{paper.Hash}\"", document.Headers.ETag!.ToString());

        api.Clock.Now = PaperScenario.Day.AddDays(2);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-06", 60m, 30m, 50m))).EnsureSuccessStatusCode();
        await scenario.ChallengeAsync("B1", "2016-05", "Why was June not sent?");
        await scenario.EvaluateAsync();

        var after = await scenario.Panel.GetAsync($"/api/papers/{paper.Id}/document");
        Assert.Equal(bytes, await after.Content.ReadAsByteArrayAsync());
        Assert.Equal($"\"{paper.Hash}\"", after.Headers.ETag!.ToString());
        Assert.Equal(content, await scenario.Panel.GetStringAsync($"/api/papers/{paper.Id}"));
        var changes = (await scenario.Panel.GetAsync<PaperChangesResponse>($"/api/papers/{paper.Id}/changes"))!.Changes;
        Assert.Contains(changes, c => c.Kind == PaperChangeKind.FigureRevised && c.Text.StartsWith("A1 2016-06 revised from 30.0% to 60.0% by ", StringComparison.Ordinal));
        Assert.Contains(changes, c => c.Kind == PaperChangeKind.ChallengeWritten && c.MeasureCode == "B1");
        Assert.Contains(changes, c => c.Kind is PaperChangeKind.EscalationChanged or PaperChangeKind.EscalationResolved && c.MeasureCode == "A1");

        // The next paper says what changed since this one.
        var next = (await scenario.Commissioner.GetAsync<PaperContent>($"/api/contracts/{scenario.ContractId}/papers/preview?period=2016-17-Q1"))!;
        Assert.Equal(paper.Id, next.SinceLastPaper!.PaperId);
        Assert.Contains(next.SinceLastPaper.Changes, c => c.Kind == PaperChangeKind.FigureRevised);
        Assert.DoesNotContain(next.SinceLastPaper.Changes, c => c.Kind == PaperChangeKind.ChallengeWritten);
    }

    [Fact]
    public async Task ADocumentAskedForAgainWithItsETagIsNotModified()
    {
        var scenario = await PaperScenario.CreateAsync(api);
        var paper = await PublishAsync(scenario);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/papers/{paper.Id}/document");
        request.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{paper.Hash}\""));

        Assert.Equal(HttpStatusCode.NotModified, (await scenario.Provider.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task APaperIsWithdrawnWithAReasonAndStaysListedAndAudited()
    {
        var scenario = await PaperScenario.CreateAsync(api);
        var paper = await PublishAsync(scenario);

        var blank = await scenario.Commissioner.PostAsJsonAsync($"/api/papers/{paper.Id}/withdraw", new WithdrawPaperRequest(" "), JsonDefaults.Web);
        var withdrawn = await scenario.Commissioner.PostAsJsonAsync($"/api/papers/{paper.Id}/withdraw", new WithdrawPaperRequest("June was revised."), JsonDefaults.Web);
        var again = await scenario.Commissioner.PostAsJsonAsync($"/api/papers/{paper.Id}/withdraw", new WithdrawPaperRequest("Twice."), JsonDefaults.Web);
        var delete = await scenario.Admin.DeleteAsync($"/api/papers/{paper.Id}");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.MethodNotAllowed),
            (blank.StatusCode, withdrawn.StatusCode, again.StatusCode, delete.StatusCode));
        var listed = Assert.Single((await scenario.Panel.GetAsync<PaperListResponse>($"/api/contracts/{scenario.ContractId}/papers"))!.Papers);
        Assert.Equal((true, "June was revised.", paper.Hash), (listed.Withdrawn, listed.WithdrawnReason, listed.Hash));
        var audit = await scenario.Commissioner.GetStringAsync($"/api/contracts/{scenario.ContractId}/audit");
        Assert.Contains("paper.published", audit, StringComparison.Ordinal);
        Assert.Contains("paper.withdrawn", audit, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"period":"2016-07","meetingDate":"2016-09-14","title":"Q1"}""", "period")]
    [InlineData("""{"meetingDate":"2016-09-14","title":"Q1"}""", "period")]
    [InlineData("""{"period":" ","meetingDate":"2016-09-14","title":"Q1"}""", "period")]
    [InlineData("""{"period":"2016-17-Q1","title":"Q1"}""", "meetingDate")]
    [InlineData("""{"period":"2016-17-Q1","meetingDate":"2016-09-14"}""", "title")]
    public async Task ABadPublishRequestIsNamedAndWritesNothing(string body, string field)
    {
        var scenario = await PaperScenario.CreateAsync(api);

        var response = await scenario.Commissioner.PostAsync($"/api/contracts/{scenario.ContractId}/papers",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.NotEmpty((await response.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor(field));
        Assert.Empty((await scenario.Panel.GetAsync<PaperListResponse>($"/api/contracts/{scenario.ContractId}/papers"))!.Papers);
    }

    [Fact]
    public async Task APeriodOutsideTheTermIsRefusedWithTheTerm()
    {
        var scenario = await PaperScenario.CreateAsync(api);

        var response = await scenario.Commissioner.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/papers",
            new PublishPaperRequest("2015-16-Q4", new DateOnly(2016, 9, 14), "Old"), JsonDefaults.Web);

        Assert.Contains("outside the contract's term", (await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity)).ErrorsFor("period")[0],
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyOfficersPreviewButTheTrustAndThePanelReadWhatWasPublished()
    {
        var scenario = await PaperScenario.CreateAsync(api);
        var paper = await PublishAsync(scenario);
        var trust = api.ClientFor(Role.Provider, scenario.Trust);

        Assert.Equal(HttpStatusCode.Forbidden, (await trust.GetAsync($"/api/contracts/{scenario.ContractId}/papers/preview?period=2016-17-Q1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/papers/preview?period=2016-17-Q1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await trust.GetAsync($"/api/papers/{paper.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await scenario.Panel.GetAsync($"/api/papers/{paper.Id}/document")).StatusCode);
    }
}
