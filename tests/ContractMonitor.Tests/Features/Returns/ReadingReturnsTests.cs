using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Audit;
using ContractMonitor.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Returns;

public sealed class ReadingReturnsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task TheListFiltersByPeriodAndMeasureAndEverySideOfTheContractMayReadIt()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2016-07", 50), Row("A1", "2016-08", 51), Row("C2", "2016-07", 3), Row("Y1", "2016-17", 9))).ReadStoredAsync();

        Assert.Equal([("A1", "2016-07"), ("C2", "2016-07")],
            (await scenario.Panel.ListAsync(scenario.ContractId, "?period=2016-07")).Returns.Select(r => (r.MeasureCode, r.Period)));
        Assert.Equal(["2016-07", "2016-08"],
            (await scenario.Commissioner.ListAsync(scenario.ContractId, "?measure=a1")).Returns.Select(r => r.Period));
        Assert.Equal([51m], (await scenario.Admin.ListAsync(scenario.ContractId, "?measure=A1&period=2016-08")).Returns.Select(r => r.Value));
        Assert.Equal(["A1", "A1", "C2", "Y1"], (await scenario.Provider.ListAsync(scenario.ContractId)).Returns.Select(r => r.MeasureCode));
    }

    [Fact]
    public async Task ABadFilterIsABadRequestAndAnUnknownMeasureIsNotFound()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);

        var period = await (await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/returns?period=July")).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("2016-17-Q1", period.ErrorsFor("period")[0], StringComparison.Ordinal);
        await (await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/returns?measure=ZZ")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OneFigureAnswersNotFoundUntilSentAndABadPeriodIsABadRequest()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var url = $"/api/contracts/{scenario.ContractId}/measures";

        var none = await (await scenario.Panel.GetAsync($"{url}/A1/returns/2016-07")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("No return has been sent for A1 in 2016-07", none.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var quarter = await (await scenario.Panel.GetAsync($"{url}/A1/returns/2016-17-Q1")).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("is a quarter, but this measure is reported monthly", quarter.ErrorsFor("period")[0], StringComparison.Ordinal);
        await (await scenario.Panel.GetAsync($"{url}/ZZ/returns/2016-07")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task EveryRevisionIsAnAuditRowWithTheOldAndNewFigure()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 50, commentary: "First."))).ReadStoredAsync();
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 55, commentary: "Second."))).ReadStoredAsync();

        var audit = await scenario.Admin.GetFromJsonAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit", JsonDefaults.Web);

        var revisions = audit!.Where(a => a.Action == "return.submitted").ToList();
        Assert.Equal(["A1/2016-07/r2", "A1/2016-07/r1"], revisions.Select(a => a.EntityId));
        Assert.All(revisions, a => Assert.Equal(("pat.provider", scenario.Trust), (a.Actor, a.ActorOrg)));
        Assert.Null(revisions[1].Before);
        var before = JsonDocument.Parse(revisions[0].Before!).RootElement;
        var after = JsonDocument.Parse(revisions[0].After!).RootElement;
        Assert.Equal((50m, 1, "First."), (before.GetProperty("value").GetDecimal(), before.GetProperty("revision").GetInt32(), before.GetProperty("commentary").GetString()));
        Assert.Equal((55m, 2, "Second."), (after.GetProperty("value").GetDecimal(), after.GetProperty("revision").GetInt32(), after.GetProperty("commentary").GetString()));
    }

    [Fact]
    public async Task EachAcceptedBatchMarksItsMeasuresAndPeriodsForEvaluation()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 50), Row("C2", "2016-07", 3))).ReadStoredAsync();
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 51), Row("A1", "2016-08", 52))).ReadStoredAsync();

        await using var connection = new SqliteConnection(api.ConnectionString);
        var marks = await connection.QueryAsync<(string Code, string Period, long Generation, string Reason)>("""
            SELECT m.Code, p.Period, p.Generation, p.Reason
            FROM PendingEvaluations p INNER JOIN Measures m ON m.Id = p.MeasureId
            WHERE m.ContractId = @ContractId
            ORDER BY m.Code, p.Period
            """, new { scenario.ContractId });

        Assert.Equal([("A1", "2016-07", 2L, "Return"), ("A1", "2016-08", 1L, "Return"), ("C2", "2016-07", 1L, "Return")], marks);
    }
}
