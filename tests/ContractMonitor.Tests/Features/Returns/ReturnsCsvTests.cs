using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Returns;

public sealed class ReturnsCsvTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task ACsvUploadIsStoredLikeTheSameBatchInJson()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);

        var response = await scenario.Provider.SubmitCsvAsync(scenario.ContractId, """
            measureCode,period,value,numerator,denominator,commentary
            A1,2016-07,61.5,123,200,"Up on June, after the new duty rota."
            C2,2016-07,4,,,
            Q1,2016-17-Q4,75,3,4,"Two lines:
            the second one"
            Y1,2016-17,-12.25,,,£1.2m overspend
            """);

        var stored = (await response.ReadStoredAsync()).Returns;
        Assert.Equal(["A1", "C2", "Q1", "Y1"], stored.Select(r => r.MeasureCode));
        Assert.Equal([61.5m, 4m, 75m, -12.25m], stored.Select(r => r.Value));
        Assert.Equal(["Up on June, after the new duty rota.", null, "Two lines:\nthe second one", "£1.2m overspend"],
            stored.Select(r => r.Commentary?.ReplaceLineEndings("\n")));
        Assert.Equal((123m, 200m), (stored[0].Numerator, stored[0].Denominator));
    }

    [Fact]
    public async Task ColumnsMayComeInAnyOrderAndCaseAndOptionalOnesMayBeLeftOut()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var response = await scenario.Provider.SubmitCsvAsync(scenario.ContractId,
            "\uFEFFValue , PERIOD,MeasureCode\r\n50,2016-07,A1\r\n,,\r\n");
        Assert.Equal(50m, (await response.ReadStoredAsync()).Returns.Single().Value);
    }

    [Fact]
    public async Task ErrorsNameTheCsvLineCountingTheHeaderAsLineOne()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Provider.SubmitCsvAsync(scenario.ContractId, """
            measureCode,period,value,numerator,denominator,commentary
            A1,2016-07,61.5,,,"A claim over
            two lines"
            C2,2016-07,abc,,,

            C2,2016-13,1,,,
            A1,2016-08,50,1,,
            A1,2016-09,50,1,2,3,4
            A1,2016-10,5"0,,,
            """);

        var problem = await response.ReadProblemAsync(HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors").EnumerateObject().ToDictionary(e => e.Name, e => e.Value[0].GetString()!);
        Assert.Equal(["lines[4].value", "lines[6].period", "lines[7].denominator", "lines[8]", "lines[9]"], errors.Keys);
        Assert.Contains("'abc' is not a number", errors["lines[4].value"], StringComparison.Ordinal);
        Assert.Contains("'2016-13' is not a period", errors["lines[6].period"], StringComparison.Ordinal);
        Assert.Contains("send both or neither", errors["lines[7].denominator"], StringComparison.Ordinal);
        Assert.Contains("has 7 fields but the header has 6", errors["lines[8]"], StringComparison.Ordinal);
        Assert.Contains("not valid CSV", errors["lines[9]"], StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("measureCode,period,value,numerator,denominator,commentary\n", "no returns")]
    [InlineData("measureCode,period,numerator\nA1,2016-07,1\n", "missing column 'value'")]
    [InlineData("measureCode,period,value,note\nA1,2016-07,1,x\n", "unknown column 'note'")]
    [InlineData("measureCode,period,value,value\nA1,2016-07,1,2\n", "repeated column 'value'")]
    [InlineData("A1,2016-07,50\n", "Line 1 must be the header measureCode,period,value,numerator,denominator,commentary")]
    [InlineData("measureCode;period;value\nA1;2016-07;50\n", "with commas between the fields; this file uses semicolons")]
    [InlineData("measureCode,period,value,commentary\nA1,2016-07,50,ok\nA1,2016-08,51,\"never closed\nA1,2016-09,52,x\n",
        "could not be read as CSV near line 3: a field is too long or a quote is never closed")]
    public async Task AFileThatIsNotAReturnsCsvIsABadRequest(string csv, string message)
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var problem = await (await scenario.Provider.SubmitCsvAsync(scenario.ContractId, csv)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFieldTooLongToBeAReturnIsABadRequest()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var csv = $"measureCode,period,value,commentary\nA1,2016-07,50,{new string('x', 25_000)}\n";
        var problem = await (await scenario.Provider.SubmitCsvAsync(scenario.ContractId, csv)).ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("could not be read as CSV near line 2", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileThatIsNotUtf8IsRefusedRatherThanGarbled()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var latin1 = Encoding.Latin1.GetBytes("measureCode,period,value,commentary\nA1,2016-07,50,£1.2m overspend\n");
        var content = new ByteArrayContent(latin1) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } };

        var problem = await (await scenario.Provider.SendAsync(Request(scenario.ContractId, content, null))).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("CSV UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/csv; charset=windows-1252", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/xml", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("", HttpStatusCode.UnsupportedMediaType)] // none: both endpoints would match; the hostile-input test found the 500
    public async Task OtherContentTypesAreRefused(string contentType, HttpStatusCode expected)
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var content = new ByteArrayContent("measureCode,period,value\nA1,2016-07,50\n"u8.ToArray());
        if (contentType.Length > 0)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        await (await scenario.Provider.SendAsync(Request(scenario.ContractId, content, null))).ReadProblemAsync(expected);
    }

    [Fact]
    public async Task TheSameCsvWithTheSameKeyIsReplayed()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        const string csv = "measureCode,period,value\nA1,2016-07,50\n";
        var key = Guid.NewGuid().ToString();
        var first = await (await scenario.Provider.SubmitCsvAsync(scenario.ContractId, csv, key)).Content.ReadAsStringAsync();
        var after = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var repeat = await scenario.Provider.SubmitCsvAsync(scenario.ContractId, csv, key);

        Assert.Equal(first, await repeat.Content.ReadAsStringAsync());
        Assert.Equal(after, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Theory]
    [InlineData("?format=csv", null)]
    [InlineData("", "text/csv")]
    public async Task TheExportHoldsTheCurrentFiguresAndParsesBackToTheSameRows(string query, string? accept)
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 40))).ReadStoredAsync();
        var current = (await (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2016-07", 61.5m, 123, 200, "Up, \"sharply\",\nafter the rota"),
            Row("C2", "2016-07", 4, commentary: "=HYPERLINK(\"http://evil\")"),
            Row("Y1", "2016-17", -12.25m, commentary: "£1.2m"))).ReadStoredAsync()).Returns;
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/contracts/{scenario.ContractId}/returns{query}");
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        var response = await scenario.Commissioner.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"returns-{scenario.Contract.Reference}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var rows = CsvRows.Read(bytes).Select(ExportedRow.From).ToList();
        Assert.Equal(
            current.Select(r => (r.MeasureCode, r.Period, r.Value, r.Numerator, r.Denominator, r.Revision)),
            rows.Select(r => (r.MeasureCode, r.Period, r.Value, r.Numerator, r.Denominator, r.Revision)));
        Assert.Equal(["Up, \"sharply\",\nafter the rota", "'=HYPERLINK(\"http://evil\")", "£1.2m"], rows.Select(r => r.Commentary));
        Assert.Equal([2, 1, 1], rows.Select(r => r.Revision));
    }

    [Fact]
    public async Task AnEditedExportCanBeSentBack()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        await (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-07", 40), Row("C2", "2016-07", 4))).ReadStoredAsync();
        var export = await scenario.Provider.GetStringAsync($"/api/contracts/{scenario.ContractId}/returns?format=csv");

        var response = await scenario.Provider.SubmitCsvAsync(scenario.ContractId, export.TrimStart('\uFEFF').Replace(",40,", ",45,", StringComparison.Ordinal));

        // Only the edited figure is revised; the row sent back as it was is answered, not stored again.
        Assert.Equal([(45m, 2, false), (4m, 1, true)], (await response.ReadStoredAsync()).Returns.Select(r => (r.Value, r.Revision, r.Unchanged)));
    }

    [Fact]
    public async Task AnUnknownFormatIsABadRequest()
    {
        var scenario = await ScenarioWithMeasuresAsync(api);
        var problem = await (await scenario.Provider.GetAsync($"/api/contracts/{scenario.ContractId}/returns?format=xlsx"))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("csv or json", problem.ErrorsFor("format")[0], StringComparison.Ordinal);
    }

    private sealed record ExportedRow(string MeasureCode, string Period, decimal Value, decimal? Numerator, decimal? Denominator, string Commentary, int Revision)
    {
        public static ExportedRow From(Dictionary<string, string> line) => new(
            line["measureCode"], line["period"], Number(line["value"])!.Value, Number(line["numerator"]), Number(line["denominator"]),
            line["commentary"], int.Parse(line["revision"], CultureInfo.InvariantCulture));

        private static decimal? Number(string text) => text.Length == 0 ? null : decimal.Parse(text, CultureInfo.InvariantCulture);
    }
}
