using System.Globalization;
using System.Text;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Evaluations;

/// <summary>Issue 16: reads that showed one escalation of several, and history ranges that answered nothing.</summary>
public sealed class StatusReadsTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly DateTimeOffset Today = new(2024, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// 54, 53, 52, 51 against target 60 and tolerance 55: failing four months (level 3) and declining
    /// three; then August to October never sent (missing returns, level 2), as for B1, which is green.
    /// </summary>
    private async Task<Scenario> FailingAndDecliningAsync()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2024, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.AddMeasureAsync("B1");
        await scenario.SetTargetAsync("A1", "2024-25", 60m, 55m);
        await scenario.SetTargetAsync("B1", "2024-25", 60m, 55m);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2024-04", 54m), Row("A1", "2024-05", 53m), Row("A1", "2024-06", 52m), Row("A1", "2024-07", 51m),
            Row("B1", "2024-04", 70m), Row("B1", "2024-05", 70m), Row("B1", "2024-06", 70m), Row("B1", "2024-07", 70m)))
            .EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        return scenario;
    }

    [Fact]
    public async Task EveryOpenEscalationOfAMeasureShowsAndTheSummaryCountsWhatTheStatusShows()
    {
        var scenario = await FailingAndDecliningAsync();
        var url = $"/api/contracts/{scenario.ContractId}";

        var a1 = (await scenario.Panel.GetAsync<StatusResponse>($"{url}/status?asOf=2024-07-31"))!.Measures.Single(m => m.Code == "A1");
        var summary = await scenario.Panel.GetAsync<SummaryResponse>($"{url}/summary?asOf=2024-07-31");
        var row = (await scenario.Panel.GetAsync<SplitScreenResponse>($"{url}/split-screen?asOf=2024-07-31"))!.Rows.Single(r => r.MeasureCode == "A1");

        Assert.Equal([(EscalationReason.SustainedFailure, 3), (EscalationReason.MissingReturns, 2), (EscalationReason.SustainedDecline, 1)],
            a1.Escalations.Select(e => (e.Reason, e.Level)));
        Assert.Equal(a1.Escalations[0], a1.Escalation);
        Assert.Equal(a1.Escalations, row.Escalations);
        Assert.Equal(a1.Escalation, row.Escalation);
        Assert.Equal(4, summary!.OpenEscalations);

        var csv = await scenario.Panel.GetAsync($"{url}/split-screen?asOf=2024-07-31&format=csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        var line = CsvRows.Read(bytes).Single(l => l["measureCode"] == "A1");
        Assert.Equal("SustainedFailure, level 3 Scrutiny panel, Open\nMissingReturns, level 2 Director, Open\n"
            + "SustainedDecline, level 1 Contract manager challenge meeting, Open",
            line["escalations"]);
    }

    [Theory]
    [InlineData(Frequency.Monthly, "2024-25-Q1", "2024-25-Q2", "2024-04 2024-05 2024-06 2024-07 2024-08 2024-09")]
    [InlineData(Frequency.Monthly, "2024-25", "2024-08", "2024-04 2024-05 2024-06 2024-07 2024-08")]
    [InlineData(Frequency.Quarterly, "2024-06", "2024-12", "2024-25-Q1 2024-25-Q2 2024-25-Q3")]
    [InlineData(Frequency.Quarterly, "2024-25-Q2", "2024-25-Q2", "2024-25-Q2")]
    [InlineData(Frequency.Annual, "2024-07", "", "2024-25")]
    public async Task HistoryAnswersThePeriodsThatOverlapARangeOfAnyForm(Frequency frequency, string from, string to, string expected)
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2024, 4, 1));
        await scenario.AddMeasureAsync("M1", frequency: frequency);

        var history = await scenario.Panel.GetAsync<HistoryResponse>(
            $"/api/contracts/{scenario.ContractId}/measures/M1/history?from={from}&to={to}");

        Assert.Equal(expected, string.Join(" ", history!.Periods.Select(p => p.Period)));
    }

    [Fact]
    public async Task AStatusReadAgainShowsEveryEvaluationAndNewMeasureSinceTheLastRead()
    {
        var scenario = await FailingAndDecliningAsync();
        var url = $"/api/contracts/{scenario.ContractId}/status?asOf=2024-07-31";
        var first = await scenario.Panel.GetAsync<StatusResponse>(url);
        Assert.Equal(first!.Measures.Count, (await scenario.Panel.GetAsync<StatusResponse>(url))!.Measures.Count);

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-07", 66m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var evaluated = (await scenario.Panel.GetAsync<StatusResponse>(url))!.Measures.Single(m => m.Code == "A1");
        await scenario.AddMeasureAsync("C1");
        var added = await scenario.Panel.GetAsync<StatusResponse>(url);

        Assert.Equal(51m, first.Measures.Single(m => m.Code == "A1").Value);
        Assert.Equal((66m, Rating.OnTarget), (evaluated.Value!.Value, evaluated.Rating));
        Assert.Equal(["A1", "B1", "C1"], added!.Measures.Select(m => m.Code));
    }
}
