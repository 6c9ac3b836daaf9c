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

    /// <summary>Stored figures answer with a redirect to their confirmation: the page a browser then shows.</summary>
    private static async Task<string> ConfirmedAsync(HttpClient client, HttpResponseMessage posted)
    {
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        return await client.GetStringAsync(posted.Headers.Location);
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
        var goodPage = await ConfirmedAsync(trust, good);
        var again = await ConfirmedAsync(trust, await trust.PostAsync(url + "?handler=Csv", await CsvFormAsync(trust, url,
            "measureCode,period,value\nA1,2024-05,54\nA1,2024-06,52\nA1,2024-07,51\n")));

        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        // Each problem links to its line and field in the table of bad lines.
        Assert.Contains("<a href=\"#line-3-period\">Line 3: period", badPage, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#line-4-measureCode\">Line 4: measureCode", badPage, StringComparison.Ordinal);
        Assert.Contains("id=\"line-3-period\"", badPage, StringComparison.Ordinal);
        Assert.Contains("id=\"line-4-measureCode\"", badPage, StringComparison.Ordinal);
        Assert.Contains("The file has 2 lines with problems", badPage, StringComparison.Ordinal);
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

        var posted = await trust.PostAsync(url + "?handler=Csv", await CsvFormAsync(trust, url, Csv, "form-1"));
        var first = await ConfirmedAsync(trust, posted);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2024-07", 55m))).EnsureSuccessStatusCode();
        var refreshed = await trust.GetStringAsync(posted.Headers.Location);
        var resent = await trust.PostAsync(url + "?handler=Csv", await CsvFormAsync(trust, url, Csv, "form-1"));
        var someoneElse = await (await PageSession.SignInAsync(api, Role.Provider, scenario.Trust, "another.datalead")).GetStringAsync(posted.Headers.Location);

        Assert.Equal($"{url}?received=form-1", posted.Headers.Location!.OriginalString);
        Assert.Contains("1 stored, 0 unchanged", first, StringComparison.Ordinal);
        Assert.Contains("1 stored, 0 unchanged", refreshed, StringComparison.Ordinal);
        Assert.Equal(posted.Headers.Location, resent.Headers.Location);
        // Another person's confirmation is theirs alone: the address shows the empty form.
        Assert.DoesNotContain("Figures received", someoneElse, StringComparison.Ordinal);
        Assert.Contains("Send figures", someoneElse, StringComparison.Ordinal);
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
        var badDenominator = await (await trust.PostAsync(url + "?handler=Period",
            await PageSession.FormAsync(trust, url, new() { ["period"] = "2024-07", ["value-A1"] = "57.5", ["denominator-A1"] = "forty" }))).Content.ReadAsStringAsync();
        var stored = await ConfirmedAsync(trust, await trust.PostAsync(url + "?handler=Period", await PageSession.FormAsync(trust, url, new()
        {
            ["period"] = "2024-07", ["value-A1"] = "57.5", ["numerator-A1"] = "23", ["denominator-A1"] = "40",
            ["commentary-A1"] = "Two visits were recorded late.",
        })));

        Assert.Contains("<a href=\"#value-A1\">A1: &#x27;lots&#x27; is not a number</a>", wrong, StringComparison.Ordinal);
        var noPeriod = await (await trust.PostAsync(url + "?handler=Period",
            await PageSession.FormAsync(trust, url, new() { ["period"] = "", ["value-A1"] = "57.5" }))).Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#period\">", noPeriod, StringComparison.Ordinal);
        Assert.DoesNotContain("<a href=\"#value-A1\">", noPeriod, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#denominator-A1\">A1 denominator: &#x27;forty&#x27; is not a number</a>", badDenominator, StringComparison.Ordinal);
        Assert.Contains("1 stored, 0 unchanged", stored, StringComparison.Ordinal);
        var figure = await scenario.Commissioner.GetStringAsync($"/api/contracts/{scenario.ContractId}/measures/A1/returns/2024-07");
        Assert.Contains("\"numerator\":23", figure, StringComparison.Ordinal);
        Assert.Contains("\"denominator\":40", figure, StringComparison.Ordinal);
        Assert.Contains("Two visits were recorded late.", figure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongPeriodIsSaidOnceBesideThePeriodHoweverManyFiguresAreTyped()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        await scenario.AddMeasureAsync("B1");
        var trust = await PageSession.SignInAsync(api, Role.Provider, scenario.Trust);
        var url = $"/contracts/{scenario.ContractId}/returns/upload";

        var page = await (await trust.PostAsync(url + "?handler=Period",
            await PageSession.FormAsync(trust, url, new() { ["period"] = "2024-13", ["value-A1"] = "57.5", ["value-B1"] = "60" }))).Content.ReadAsStringAsync();

        Assert.Equal(1, page.Split("<a href=\"#period\">").Length - 1);
        Assert.DoesNotContain("<a href=\"#value-", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCouncilCannotSendTheTrustsFigures()
    {
        var scenario = await PageScenarios.OneMeasureAsync(api);
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);

        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync($"/contracts/{scenario.ContractId}/returns/upload")).StatusCode);
    }
}
