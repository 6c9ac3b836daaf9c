using System.Net;
using System.Text;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.SplitScreen;

/// <summary>Each bad request gets problem details naming what is wrong, and writes nothing.</summary>
public sealed class VoicesBadInputTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly string TooLong = new('x', 4001);

    private async Task<(Scenario Scenario, ChallengeDetail Open, ChallengeDetail Closed)> ArrangeAsync()
    {
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.AddMeasureAsync("Q1", frequency: Frequency.Quarterly);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-07", 52m))).EnsureSuccessStatusCode();
        var open = await scenario.ChallengeAsync("A1", "2026-07", "Why?");
        var closed = await scenario.ChallengeAsync("A1", "2026-06", "And June?");
        await scenario.CloseAsync(closed.Id, ChallengeOutcome.Agreed, null);
        return (scenario, open, closed);
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadChallenges() => new()
    {
        { "empty text", """{"measureCode":"A1","period":"2026-07","text":""}""", HttpStatusCode.BadRequest, "text" },
        { "blank text", """{"measureCode":"A1","period":"2026-07","text":"   \n "}""", HttpStatusCode.BadRequest, "text" },
        { "no text", """{"measureCode":"A1","period":"2026-07"}""", HttpStatusCode.BadRequest, "text" },
        { "text over 4,000", $$"""{"measureCode":"A1","period":"2026-07","text":"{{TooLong}}"}""", HttpStatusCode.BadRequest, "text" },
        { "control character", """{"measureCode":"A1","period":"2026-07","text":"bell\u0007"}""", HttpStatusCode.BadRequest, "text" },
        { "no measure", """{"period":"2026-07","text":"Why?"}""", HttpStatusCode.BadRequest, "measureCode" },
        { "unknown measure", """{"measureCode":"Z9","period":"2026-07","text":"Why?"}""", HttpStatusCode.UnprocessableEntity, "measureCode" },
        { "quarter for a monthly measure", """{"measureCode":"A1","period":"2026-27-Q1","text":"Why?"}""", HttpStatusCode.UnprocessableEntity, "period" },
        { "month for a quarterly measure", """{"measureCode":"Q1","period":"2026-07","text":"Why?"}""", HttpStatusCode.UnprocessableEntity, "period" },
        { "not a period", """{"measureCode":"A1","period":"July","text":"Why?"}""", HttpStatusCode.UnprocessableEntity, "period" },
        { "before the contract", """{"measureCode":"A1","period":"2026-03","text":"Why?"}""", HttpStatusCode.UnprocessableEntity, "period" },
        { "future period", """{"measureCode":"A1","period":"2026-10","text":"Why?"}""", HttpStatusCode.UnprocessableEntity, "period" },
        { "due date passed", """{"measureCode":"A1","period":"2026-07","text":"Why?","responseDueDate":"2026-08-19"}""", HttpStatusCode.UnprocessableEntity, "responseDueDate" },
        { "due date not a date", """{"measureCode":"A1","period":"2026-07","text":"Why?","responseDueDate":"next week"}""", HttpStatusCode.BadRequest, "responseDueDate" },
        { "unknown field", """{"measureCode":"A1","period":"2026-07","text":"Why?","status":"Closed"}""", HttpStatusCode.BadRequest, "status" },
    };

    [Theory]
    [MemberData(nameof(BadChallenges))]
    public async Task ABadChallengeIsRefusedAndNothingIsWritten(string why, string json, HttpStatusCode expected, string field)
    {
        var (scenario, _, _) = await ArrangeAsync();
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Commissioner.PostAsync($"/api/contracts/{scenario.ContractId}/challenges", Json(json));

        var problem = await response.ReadProblemAsync(expected);
        Assert.NotEmpty(problem.ErrorsFor(field));
        Assert.True(before.SequenceEqual(await DatabaseCounts.ReadAsync(api.ConnectionString)), why);
    }

    public static TheoryData<string, string, HttpStatusCode, string> BadClaims() => new()
    {
        { "empty text", """{"measureCode":"A1","period":"2026-07","text":""}""", HttpStatusCode.BadRequest, "text" },
        { "text over 4,000", $$"""{"measureCode":"A1","period":"2026-07","text":"{{TooLong}}"}""", HttpStatusCode.BadRequest, "text" },
        { "unknown measure", """{"measureCode":"Z9","period":"2026-07","text":"Context."}""", HttpStatusCode.UnprocessableEntity, "measureCode" },
        { "quarter for a monthly measure", """{"measureCode":"A1","period":"2026-27-Q2","text":"Context."}""", HttpStatusCode.UnprocessableEntity, "period" },
        { "no period", """{"measureCode":"A1","text":"Context."}""", HttpStatusCode.BadRequest, "period" },
    };

    [Theory]
    [MemberData(nameof(BadClaims))]
    public async Task ABadClaimIsRefusedAndNothingIsWritten(string why, string json, HttpStatusCode expected, string field)
    {
        var (scenario, _, _) = await ArrangeAsync();
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Provider.PostAsync($"/api/contracts/{scenario.ContractId}/claims", Json(json));

        var problem = await response.ReadProblemAsync(expected);
        Assert.NotEmpty(problem.ErrorsFor(field));
        Assert.True(before.SequenceEqual(await DatabaseCounts.ReadAsync(api.ConnectionString)), why);
    }

    public static TheoryData<string, string, HttpStatusCode, string?> BadCloses() => new()
    {
        { "no outcome", """{"note":"Fine."}""", HttpStatusCode.BadRequest, "outcome" },
        { "unknown outcome", """{"outcome":"Withdrawn"}""", HttpStatusCode.BadRequest, "outcome" },
        { "disputed without a reason", """{"outcome":"Disputed"}""", HttpStatusCode.BadRequest, "note" },
        { "note over 4,000", $$"""{"outcome":"Agreed","note":"{{TooLong}}"}""", HttpStatusCode.BadRequest, "note" },
        { "closed already", """{"outcome":"Agreed"}""", HttpStatusCode.Conflict, null },
    };

    [Theory]
    [MemberData(nameof(BadCloses))]
    public async Task ABadCloseIsRefusedAndNothingIsWritten(string why, string json, HttpStatusCode expected, string? field)
    {
        var (scenario, open, closed) = await ArrangeAsync();
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);
        var target = expected == HttpStatusCode.Conflict ? closed : open;

        var response = await scenario.Commissioner.PostAsync($"/api/challenges/{target.Id}/close", Json(json));

        var problem = await response.ReadProblemAsync(expected);
        if (field is not null)
        {
            Assert.NotEmpty(problem.ErrorsFor(field));
        }
        else
        {
            Assert.Contains("was closed as Agreed by carol.commissioner", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.True(before.SequenceEqual(await DatabaseCounts.ReadAsync(api.ConnectionString)), why);
    }

    [Theory]
    [InlineData("""{"text":""}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"text":"Too late to answer?"}""", HttpStatusCode.Conflict)]
    public async Task ResponsesToAClosedChallengeAreRefused(string json, HttpStatusCode expected)
    {
        var (scenario, _, closed) = await ArrangeAsync();
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Provider.PostAsync($"/api/challenges/{closed.Id}/responses", Json(json));

        await response.ReadProblemAsync(expected);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Theory]
    [InlineData("/api/contracts/{0}/split-screen?asOf=20/08/2026", "asOf")]
    [InlineData("/api/contracts/{0}/split-screen?format=xlsx", "format")]
    [InlineData("/api/contracts/{0}/challenges?status=Pending", "status")]
    [InlineData("/api/contracts/{0}/challenges?measure=A1&period=2026-27-Q1", "period")]
    [InlineData("/api/contracts/{0}/claims?period=July", "period")]
    public async Task BadQueriesAreNamed(string url, string field)
    {
        var (scenario, _, _) = await ArrangeAsync();

        var response = await scenario.Panel.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, scenario.ContractId));

        Assert.NotEmpty((await response.ReadProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor(field));
    }

    [Fact]
    public async Task AnUnknownChallengeIsNotFound()
    {
        var (scenario, _, _) = await ArrangeAsync();

        foreach (var response in new[]
        {
            await scenario.Commissioner.GetAsync("/api/challenges/999999"),
            await scenario.Provider.PostAsync("/api/challenges/999999/responses", Json("""{"text":"?"}""")),
            await scenario.Commissioner.PostAsync("/api/challenges/999999/close", Json("""{"outcome":"Agreed"}""")),
            await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/challenges?measure=Z9"),
        })
        {
            await response.ReadProblemAsync(HttpStatusCode.NotFound);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
