using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Claims;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.SignOff;
using ContractMonitor.Contracts.SplitScreen;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.SplitScreen;

/// <summary>
/// One performance-challenge cycle, told through the API as it happens in a month, then read back
/// through the split screen. The contract starts in June 2026; A1 and B1 have target 60 and
/// tolerance 55 (higher is better). Today is 20 August 2026.
/// </summary>
public sealed class SplitScreenTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly DateTimeOffset Today = At(2026, 8, 20, 9);

    private sealed record Story(
        Scenario Scenario, ChallengeDetail June, ChallengeDetail July, ChallengeDetail NoReturn, ClaimResponse Note, long ReplyId);

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private async Task<Story> TellAsync()
    {
        api.Clock.Now = At(2026, 7, 5, 9);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 6, 1));
        foreach (var code in new[] { "A1", "B1" })
        {
            await scenario.AddMeasureAsync(code);
            await scenario.SetTargetAsync(code, "2026-27", 60m, 55m);
        }

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 50m, commentary: "Sickness in the assessment team.")))
            .EnsureSuccessStatusCode();
        api.Clock.Now = At(2026, 7, 20, 9);
        var june = await scenario.ChallengeAsync("A1", "2026-06", "Why has June fallen?", new DateOnly(2026, 7, 31));

        api.Clock.Now = At(2026, 8, 3, 10);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-07", 52m, commentary: "Two senior social workers left in June."))).EnsureSuccessStatusCode();
        api.Clock.Now = At(2026, 8, 4, 10);
        var note = await scenario.ClaimAsync("A1", "2026-07", "Agency cover starts on 10 August.");
        api.Clock.Now = At(2026, 8, 5, 10);
        var july = await scenario.ChallengeAsync("A1", "2026-07", "Third month below target: what is the recovery plan?", new DateOnly(2026, 8, 19));
        var noReturn = await scenario.ChallengeAsync("B1", "2026-07", "No return has been received for July.");
        api.Clock.Now = At(2026, 8, 6, 10);
        var replied = await scenario.RespondAsync(july.Id, "Six visits were recorded late; a corrected figure follows.");
        api.Clock.Now = At(2026, 8, 7, 10);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-07", 55.5m, commentary: "Corrected: six visits recorded late."))).EnsureSuccessStatusCode();

        api.Clock.Now = Today;
        await scenario.EvaluateAsync();
        await scenario.CloseAsync(july.Id, ChallengeOutcome.Disputed, "Still below target; recovery plan to the September panel.");
        return new Story(scenario, june, july, noReturn, note, replied.Responses.Single().Id);
    }

    [Fact]
    public async Task ThePanelReadsBothVoicesOfEachMeasureExactly()
    {
        var story = await TellAsync();
        var scenario = story.Scenario;

        var screen = await scenario.Panel.GetAsync<SplitScreenResponse>($"/api/contracts/{scenario.ContractId}/split-screen");

        var (council, trust) = (scenario.Council, scenario.Trust);
        var expectedA1 = new SplitScreenRow(
            "A1", "Measure A1", "2026-07", 60m, 55m, Rating.WithinTolerance, Direction.Improving, [], null, 2,
            new ProviderSide(55.5m, 2, null, null, false, At(2026, 8, 7, 10),
            [
                new ClaimResponse(null, ClaimKind.Commentary, "A1", "2026-07", "Two senior social workers left in June.", 1, "pat.provider", trust, At(2026, 8, 3, 10)),
                new ClaimResponse(story.Note.Id, ClaimKind.Note, "A1", "2026-07", "Agency cover starts on 10 August.", 1, "pat.provider", trust, At(2026, 8, 4, 10)),
                new ClaimResponse(null, ClaimKind.Commentary, "A1", "2026-07", "Corrected: six visits recorded late.", 2, "pat.provider", trust, At(2026, 8, 7, 10)),
            ]),
            new CommissionerSide(
            [
                // June's challenge is still unanswered, so it is carried into July's row, overdue.
                new ChallengeDetail(story.June.Id, scenario.ContractId, "A1", "2026-06", "Why has June fallen?", ChallengeStatus.Open, null, null,
                    new DateOnly(2026, 7, 31), true, 1, false, 50m, 1, 50m, false, "carol.commissioner", council, At(2026, 7, 20, 9), null, null, []),
                new ChallengeDetail(story.July.Id, scenario.ContractId, "A1", "2026-07", "Third month below target: what is the recovery plan?",
                    ChallengeStatus.Closed, ChallengeOutcome.Disputed, "Still below target; recovery plan to the September panel.",
                    new DateOnly(2026, 8, 19), false, 1, false, 52m, 2, 55.5m, true, "carol.commissioner", council, At(2026, 8, 5, 10),
                    "carol.commissioner", Today,
                    [new ChallengeReply(story.ReplyId, "Six visits were recorded late; a corrected figure follows.", 1, "pat.provider", trust, At(2026, 8, 6, 10))]),
            ]),
            [], DataState: PeriodDataState.Draft);
        Assert.Equal((new DateOnly(2026, 8, 20), scenario.ContractId), (screen!.AsOf, screen.ContractId));
        Assert.Equal(["A1", "B1"], screen.Rows.Select(r => r.MeasureCode));
        Assert.Equal(Json(expectedA1), Json(screen.Rows[0]));

        var b1 = screen.Rows[1];
        Assert.Equal(("2026-07", Rating.Missing, (decimal?)null, (int?)null), (b1.Period, b1.Rating, b1.Provider.Value, b1.Provider.Revision));
        Assert.Equal((EscalationReason.MissingReturns, 1, "Contract manager challenge meeting"),
            (b1.Escalation!.Reason, b1.Escalation.Level, b1.Escalation.LevelName));
        var unanswered = Assert.Single(b1.Commissioner.Challenges);
        Assert.Equal((story.NoReturn.Id, true, (int?)null, (decimal?)null), (unanswered.Id, unanswered.ChallengedWithoutReturn, unanswered.ChallengedRevision, unanswered.ChallengedValue));
    }

    [Fact]
    public async Task TheTrustSeesTheSameScreenAsThePanel()
    {
        var story = await TellAsync();
        var url = $"/api/contracts/{story.Scenario.ContractId}/split-screen?asOf=2026-08-20";

        Assert.Equal(await story.Scenario.Panel.GetStringAsync(url), await story.Scenario.Provider.GetStringAsync(url));
        Assert.Equal(await story.Scenario.Panel.GetStringAsync(url), await story.Scenario.Commissioner.GetStringAsync(url));
    }

    [Fact]
    public async Task AnEarlierDateShowsTheMonthThatHadEndedThen()
    {
        var story = await TellAsync();

        var screen = await story.Scenario.Panel.GetAsync<SplitScreenResponse>($"/api/contracts/{story.Scenario.ContractId}/split-screen?asOf=2026-07-30");

        var a1 = screen!.Rows[0];
        Assert.Equal(("2026-06", 50m, Rating.Failing), (a1.Period, a1.Provider.Value, a1.Rating));
        Assert.Equal(["Sickness in the assessment team."], a1.Provider.Claims.Select(c => c.Text));
        Assert.Equal([story.June.Id], a1.Commissioner.Challenges.Select(c => c.Id));
    }

    [Fact]
    public async Task TheCsvExportParsesBackToTheSameRows()
    {
        var story = await TellAsync();
        var url = $"/api/contracts/{story.Scenario.ContractId}/split-screen";
        var screen = await story.Scenario.Panel.GetAsync<SplitScreenResponse>(url);

        var response = await story.Scenario.Panel.GetAsync(url + "?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("split-screen-", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = CsvRows.Read(bytes);

        Assert.Equal(screen!.Rows.Count, lines.Count);
        foreach (var (row, line) in screen.Rows.Zip(lines))
        {
            Assert.Equal(
                (row.MeasureCode, row.Title, row.Period, Number(row.Provider.Value), Number(row.Target), Number(row.Tolerance), row.Rating.ToString(),
                    row.Direction?.ToString() ?? ""),
                (line["measureCode"], line["title"], line["period"], line["value"], line["target"], line["tolerance"], line["rating"], line["direction"]));
            Assert.Equal(row.Provider.Claims.Select(c => c.Text), line["claims"].Split('\n').Where(l => l.Length > 0).Select(l => l[(l.IndexOf(']', StringComparison.Ordinal) + 2)..]));
            Assert.Equal(row.Commissioner.Challenges.Count, line["challenges"].Split('\n').Count(l => l.Length > 0));
            Assert.All(row.Commissioner.Challenges, c => Assert.Contains(c.Text, line["challenges"], StringComparison.Ordinal));
        }

        var a1 = lines[0];
        Assert.Equal(("2", "1", "1"), (a1["revision"], a1["openChallenges"], a1["overdueChallenges"]));
        Assert.Contains("Closed (Disputed); challenged 52 (r1), now 55.5 (r2)", a1["challenges"], StringComparison.Ordinal);
        Assert.Equal("MissingReturns, level 1 Contract manager challenge meeting, Open", lines[1]["escalation"]);
        Assert.Equal(lines[1]["escalation"], lines[1]["escalations"]);
        Assert.Contains("challenged before a return was sent", lines[1]["challenges"], StringComparison.Ordinal);
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonDefaults.Web);
}
