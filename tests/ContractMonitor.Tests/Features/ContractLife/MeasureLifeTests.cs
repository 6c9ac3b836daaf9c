using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Audit;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.ContractLife;

/// <summary>Issue 20: a measure over the contract's life, through the API, on a real database.</summary>
public sealed class MeasureLifeTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly DateTimeOffset Today = new(2026, 9, 20, 9, 0, 0, TimeSpan.Zero);

    private async Task<Scenario> ContractAsync()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2026-27", 60m, 55m);
        return scenario;
    }

    private static Task<HttpResponseMessage> EditAsync(Scenario scenario, object body, HttpClient? client = null) =>
        (client ?? scenario.Admin).PatchAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/A1", body, JsonDefaults.Web);

    private static Task<HttpResponseMessage> RetireAsync(Scenario scenario, string fromPeriod, string reason = "Dropped at the annual review.") =>
        scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/A1/retirement",
            new RetireMeasureRequest(fromPeriod, reason), JsonDefaults.Web);

    [Fact]
    public async Task TheWordsChangeInPlaceAndTheAuditSaysWhoWhenAndWhy()
    {
        var scenario = await ContractAsync();

        var response = await EditAsync(scenario, new { title = "Assessments on time", category = "Front door", unitLabel = "of assessments", decimals = 2, reason = "Annual review 2026." });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var measure = await scenario.Panel.GetAsync<MeasureResponse>($"/api/contracts/{scenario.ContractId}/measures/A1");
        Assert.Equal(("Assessments on time", "Front door", "of assessments", 2), (measure!.Title, measure.Category, measure.UnitLabel, measure.Decimals));
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        var entry = Assert.Single(audit!, a => a.Action == "measure.edited");
        Assert.Equal("alice.admin", entry.Actor);
        Assert.Equal("Measure A1", JsonDocument.Parse(entry.Before!).RootElement.GetProperty("title").GetString());
        Assert.Equal("Annual review 2026.", JsonDocument.Parse(entry.After!).RootElement.GetProperty("reason").GetString());
        var status = await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status");
        Assert.Equal("Assessments on time", Assert.Single(status!.Measures).Title);
    }

    [Fact]
    public async Task ADefinitionChangeIsAVersionFromAPeriodAndEachPeriodAnswersItsOwn()
    {
        var scenario = await ContractAsync();

        (await EditAsync(scenario, new { definition = "Assessments completed within 45 working days of referral.", definitionFrom = "2026-07",
            reason = "Clarified: working days." })).EnsureSuccessStatusCode();

        var url = $"/api/contracts/{scenario.ContractId}/measures/A1";
        var now = await scenario.Panel.GetAsync<MeasureResponse>(url);
        var june = await scenario.Panel.GetAsync<MeasureResponse>($"{url}?period=2026-06");
        var july = await scenario.Panel.GetAsync<MeasureResponse>($"{url}?period=2026-07");
        Assert.Equal("Assessments completed within 45 working days of referral.", now!.Definition);
        Assert.Equal("Definition", june!.Definition);
        Assert.Equal("Assessments completed within 45 working days of referral.", july!.Definition);
        Assert.Equal([("2026-04", "Definition", null), ("2026-07", "Assessments completed within 45 working days of referral.", "alice.admin")],
            now.Definitions!.Select(d => (d.FromPeriod, d.Definition, d.SetBy)));
    }

    [Fact]
    public async Task MovingTheStartPastAFigureIsRefusedAndMovingItBackMakesTheEarlierPeriodsOwed()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1));
        await scenario.AddMeasureAsync("A1", startPeriod: "2026-06");
        await scenario.SetTargetAsync("A1", "2026-27", 60m, 55m);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 61m))).EnsureSuccessStatusCode();

        var later = await EditAsync(scenario, new { startPeriod = "2026-07", reason = "Wrong start." });
        Assert.Equal(HttpStatusCode.Conflict, later.StatusCode);
        Assert.Contains("2026-06", await later.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        (await EditAsync(scenario, new { startPeriod = "2026-04", reason = "Owed from the contract's start." })).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var history = await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history");
        Assert.Equal(["2026-04 Missing", "2026-05 Missing", "2026-06 OnTarget", "2026-07 Missing", "2026-08 Missing"],
            history!.Periods.Where(p => p.Rating != Rating.Pending).Select(p => $"{p.Period} {p.Rating}"));
    }

    [Theory]
    [InlineData("""{"reason":"Nothing named."}""", "request")]
    [InlineData("""{"definition":"New words.","reason":"No period."}""", "definitionFrom")]
    [InlineData("""{"definitionFrom":"2026-07","reason":"No words."}""", "definitionFrom")]
    [InlineData("""{"title":"New"}""", "reason")]
    [InlineData("""{"decimals":9,"reason":"Too many."}""", "decimals")]
    public async Task AnEditThatSaysNothingOrTooLittleIsRefusedAndWritesNothing(string body, string field)
    {
        var scenario = await ContractAsync();

        var response = await scenario.Admin.PatchAsync($"/api/contracts/{scenario.ContractId}/measures/A1",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        Assert.DoesNotContain(audit!, a => a.Action == "measure.edited");
    }

    [Theory]
    [InlineData("""{"startPeriod":"2026-Q1","reason":"No period at all."}""", "startPeriod", HttpStatusCode.BadRequest)]
    [InlineData("""{"definition":"Words.","definitionFrom":"July","reason":"No period at all."}""", "definitionFrom", HttpStatusCode.BadRequest)]
    [InlineData("""{"startPeriod":"2026-27-Q1","reason":"A quarter of a monthly measure."}""", "startPeriod", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"definition":"Words.","definitionFrom":"2019-04","reason":"Outside the term."}""", "definitionFrom", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"definition":"Words.","definitionFrom":"2026-04","reason":"Fine."}""", null, HttpStatusCode.OK)]
    public async Task PeriodsInAnEditArePeriodsOfTheMeasureInsideTheTerm(string body, string? field, HttpStatusCode expected)
    {
        var scenario = await ContractAsync();

        var response = await scenario.Admin.PatchAsync($"/api/contracts/{scenario.ContractId}/measures/A1",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        if (field is null)
        {
            return;
        }

        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARetiredMeasureIsNotOwedFromItsPeriodAndLeavesTheStatusButNotTheList()
    {
        var scenario = await ContractAsync();
        await scenario.AddMeasureAsync("B1");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-04", 61m), Row("A1", "2026-05", 62m))).EnsureSuccessStatusCode();

        (await RetireAsync(scenario, "2026-06")).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var measures = await scenario.Panel.GetAsync<List<MeasureResponse>>($"/api/contracts/{scenario.ContractId}/measures");
        Assert.Equal([("A1", "2026-06", "Dropped at the annual review."), ("B1", null, null)],
            measures!.Select(m => (m.Code, m.RetiredFrom, m.RetirementReason)));
        var history = await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history");
        Assert.Equal(["2026-04 OnTarget", "2026-05 OnTarget"], history!.Periods.Select(p => $"{p.Period} {p.Rating}"));
        var status = await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status");
        Assert.Equal(["B1"], status!.Measures.Select(m => m.Code));
        var may = await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status?asOf=2026-06-10");
        Assert.Equal(["A1", "B1"], may!.Measures.Select(m => m.Code));
        var late = await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 61m));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("retired from 2026-06", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReinstatedMeasureIsOwedAgainFromItsRetirementPeriod()
    {
        var scenario = await ContractAsync();
        (await RetireAsync(scenario, "2026-06")).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var reinstated = await scenario.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/contracts/{scenario.ContractId}/measures/A1/retirement")
        {
            Content = JsonContent.Create(new ReinstateMeasureRequest("Kept after all."), options: JsonDefaults.Web),
        });
        await scenario.EvaluateAsync();
        var again = await scenario.Admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"/api/contracts/{scenario.ContractId}/measures/A1/retirement")
        {
            Content = JsonContent.Create(new ReinstateMeasureRequest("Twice."), options: JsonDefaults.Web),
        });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (reinstated.StatusCode, again.StatusCode));
        Assert.Null((await scenario.Panel.GetAsync<MeasureResponse>($"/api/contracts/{scenario.ContractId}/measures/A1"))!.RetiredFrom);
        var history = await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history");
        Assert.Contains(history!.Periods, p => p.Period == "2026-07" && p.Rating == Rating.Missing);
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        Assert.Single(audit!, a => a.Action == "measure.reinstated");
    }

    [Fact]
    public async Task RetiringOverStoredFiguresIsRefusedListingThem()
    {
        var scenario = await ContractAsync();
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 61m), Row("A1", "2026-07", 62m))).EnsureSuccessStatusCode();

        var response = await RetireAsync(scenario, "2026-06");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("2026-06, 2026-07", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var measure = await scenario.Panel.GetAsync<MeasureResponse>($"/api/contracts/{scenario.ContractId}/measures/A1");
        Assert.Null(measure!.RetiredFrom);
    }

    /// <summary>Retired with an escalation open: it resolves in the retirement period, and the event says why.</summary>
    [Fact]
    public async Task AnOpenEscalationOnARetiredMeasureResolvesSayingWhy()
    {
        var scenario = await ContractAsync();
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-04", 50m), Row("A1", "2026-05", 50m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        (await RetireAsync(scenario, "2026-06")).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var again = await scenario.EvaluateAsync();

        var escalations = (await scenario.Panel.GetAsync<EscalationListResponse>(
            $"/api/contracts/{scenario.ContractId}/escalations"))!.Escalations.ToDictionary(e => e.Reason);
        var failure = escalations[EscalationReason.SustainedFailure];
        Assert.Equal((EscalationStatus.Resolved, "2026-06"), (failure.Status, failure.LastPeriod));
        var resolved = failure.Events[^1];
        Assert.Equal((EscalationEventType.Resolved, "2026-06", "measure retired from 2026-06"), (resolved.Type, resolved.Period, resolved.Cause));
        // June to August were Missing until the retirement took them out of the series: that escalation's cause went with them.
        var missing = escalations[EscalationReason.MissingReturns];
        Assert.Equal(EscalationStatus.Resolved, missing.Status);
        Assert.Equal((EscalationEventType.Resolved, null, "measure retired from 2026-06"),
            (missing.Events[^1].Type, missing.Events[^1].Period, missing.Events[^1].Cause));
        Assert.Equal(0, again.EventsWritten);
    }

    /// <summary>Retired from a period to come: until its last owed period falls due, that period may still raise or climb.</summary>
    [Fact]
    public async Task AFutureRetirementLeavesOpenEscalationsOpenUntilTheLastOwedPeriodIsDue()
    {
        var scenario = await ContractAsync();
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-04", 50m), Row("A1", "2026-05", 50m),
            Row("A1", "2026-06", 50m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        (await RetireAsync(scenario, "2026-10")).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        // September, the last month owed, is due on 15 October: until then it may still climb.
        var open = await scenario.Panel.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations?status=Open");
        Assert.Equal([(EscalationReason.SustainedFailure, 2), (EscalationReason.MissingReturns, 1)],
            open!.Escalations.Select(e => (e.Reason, e.Level)).Order());
        var edit = await EditAsync(scenario, new { startPeriod = "2026-10", reason = "After the retirement." });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edit.StatusCode);
    }

    [Fact]
    public async Task ARetirementRecordedLaterIsUnknownToAReadOfWhatWasKnownBefore()
    {
        var scenario = await ContractAsync();
        var before = Today.AddDays(1);
        api.Clock.Now = Today.AddDays(3);
        (await RetireAsync(scenario, "2026-06")).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var then = await scenario.Panel.GetAsync<StatusResponse>(
            $"/api/contracts/{scenario.ContractId}/status?knownAt={before:yyyy-MM-dd}");
        var now = await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status");

        Assert.Equal(["A1"], then!.Measures.Select(m => m.Code));
        Assert.Empty(now!.Measures);
    }

    [Fact]
    public async Task OnlyAnAdminChangesAMeasure()
    {
        var scenario = await ContractAsync();

        var response = await EditAsync(scenario, new { title = "Mine now", reason = "Because." }, scenario.Commissioner);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
