using System.Net;
using System.Text;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Pages;

/// <summary>Issue 17: the trust sends its figures from a page, a CSV file or one period typed in.</summary>
public sealed class ReturnsUploadPageTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static async Task<MultipartFormDataContent> CsvFormAsync(HttpClient client, string url, string csv, string? key = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(await PageSession.AntiforgeryTokenAsync(client, url)), "__RequestVerificationToken" },
            { new StringContent(key ?? Guid.NewGuid().ToString("N")), "key" },
        };
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "returns.csv");
        return form;
    }

    [Fact]
    public async Task ACsvWithTwoBadRowsStoresNothingAndNamesBothThenTheCorrectedFileIsConfirmed()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        var trust = await PageSession.SignInAsync(api, Role.Provider, scenario.Trust);
        var url = $"/contracts/{scenario.ContractId}/returns/upload";

        var bad = await trust.PostAsync(url + "?handler=Csv", await CsvFormAsync(trust, url,
            "measureCode,period,value\nA1,2024-05,54\nA1,2024-13,52\nZZ,2024-07,50\n"));
        var badPage = await bad.Content.ReadAsStringAsync();
        var good = await trust.PostAsync(url + "?handler=Csv", await CsvFormAsync(trust, url,
            "measureCode,period,value\nA1,2024-05,54\nA1,2024-06,52\nA1,2024-07,50\n"));
        var goodPage = await good.Content.ReadAsStringAsync();
        var again = await (await trust.PostAsync(url + "?handler=Csv", await CsvFormAsync(trust, url,
            "measureCode,period,value\nA1,2024-05,54\nA1,2024-06,52\nA1,2024-07,51\n"))).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Line 3: period", badPage, StringComparison.Ordinal);
        Assert.Contains("Line 4: measureCode", badPage, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#file\">", badPage, StringComparison.Ordinal);
        Assert.Contains("3 stored, 0 unchanged", goodPage, StringComparison.Ordinal);
        Assert.Contains("Late", goodPage, StringComparison.Ordinal);
        Assert.Contains("1 stored, 2 unchanged", again, StringComparison.Ordinal);
        var listed = await scenario.Commissioner.GetStringAsync($"/api/contracts/{scenario.ContractId}/returns");
        Assert.Contains("\"revision\":2", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshingTheConfirmationReplaysItAndNeverStoresOldFiguresOverNewerOnes()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        var trust = await PageSession.SignInAsync(api, Role.Provider, scenario.Trust);
        var url = $"/contracts/{scenario.ContractId}/returns/upload";
        const string Csv = "measureCode,period,value\nA1,2024-07,50\n";

        var first = await (await trust.PostAsync(url + "?handler=Csv", await CsvFormAsync(trust, url, Csv, "form-1"))).Content.ReadAsStringAsync();
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-07", 55m))).EnsureSuccessStatusCode();
        var refreshed = await (await trust.PostAsync(url + "?handler=Csv", await CsvFormAsync(trust, url, Csv, "form-1"))).Content.ReadAsStringAsync();

        Assert.Contains("1 stored, 0 unchanged", first, StringComparison.Ordinal);
        Assert.Contains("1 stored, 0 unchanged", refreshed, StringComparison.Ordinal);
        var current = await scenario.Commissioner.GetStringAsync($"/api/contracts/{scenario.ContractId}/returns");
        Assert.Contains("\"value\":55", current, StringComparison.Ordinal);
        Assert.Contains("\"revision\":2", current, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnePeriodTypedInIsStoredAndAWrongFigureIsNamedBesideItsMeasure()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        var trust = await PageSession.SignInAsync(api, Role.Provider, scenario.Trust);
        var url = $"/contracts/{scenario.ContractId}/returns/upload";

        var wrong = await (await trust.PostAsync(url + "?handler=Period",
            await PageSession.FormAsync(trust, url, new() { ["period"] = "2024-07", ["value-A1"] = "lots" }))).Content.ReadAsStringAsync();
        var stored = await (await trust.PostAsync(url + "?handler=Period",
            await PageSession.FormAsync(trust, url, new() { ["period"] = "2024-07", ["value-A1"] = "57.5" }))).Content.ReadAsStringAsync();

        Assert.Contains("<a href=\"#value-A1\">A1: &#x27;lots&#x27; is not a number</a>", wrong, StringComparison.Ordinal);
        var noPeriod = await (await trust.PostAsync(url + "?handler=Period",
            await PageSession.FormAsync(trust, url, new() { ["period"] = "", ["value-A1"] = "57.5" }))).Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#period\">", noPeriod, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"#value-A1\">", noPeriod, StringComparison.Ordinal);
        Assert.Contains("1 stored, 0 unchanged", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCouncilCannotSendTheTrustsFigures()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/contracts/{scenario.ContractId}/returns/upload")).StatusCode);
    }
}
