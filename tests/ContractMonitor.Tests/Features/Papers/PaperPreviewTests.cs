using System.Diagnostics;
using System.Net;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace ContractMonitor.Tests.Features.Papers;

/// <summary>Issue 18: the paper's content, and the same content as a Word document that Word and LibreOffice open.</summary>
public sealed class PaperPreviewTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static string Preview(Scenario scenario, string query = "period=2016-17-Q1") => $"/api/contracts/{scenario.ContractId}/papers/preview?{query}";

    [Fact]
    public async Task ThePreviewLeadsWithTheExceptionsAndShowsEachMeasuresQuarterAndLatestMonth()
    {
        var scenario = await PaperScenario.CreateAsync(api);

        var paper = (await scenario.Commissioner.GetAsync<PaperContent>(Preview(scenario)))!;

        Assert.Equal(("2016-17-Q1", "Q1 2016-17 (April to June 2016)"), (paper.Period, paper.PeriodName));
        Assert.Equal("3 of the 5 measures were on target, 0 within tolerance, 1 failing and 1 not yet rated. 1 was in sustained decline. 3 escalations were open.",
            paper.Summary);
        // B1 is on target, but June and July were never sent: its missing returns are escalated.
        Assert.Equal(["A1", "B1", "D1"], paper.Exceptions.Select(m => m.Code));
        var a1 = paper.Exceptions[0];
        Assert.Equal(("42.0%", Rating.Failing, "July 2016", "35.0%", Rating.Failing, "60.0%", "55.0%"),
            (a1.Headline.Text, a1.Rating, a1.LatestMonth!.PeriodName, a1.LatestMonth.Text, a1.LatestMonth.Rating, a1.TargetText, a1.ToleranceText));
        Assert.Equal("Sustained failure: raised in 2016-05 at level 1 (Contract manager challenge meeting); escalated in 2016-06 to level 2 (Director); "
            + "escalated in 2016-07 to level 3 (Scrutiny panel).", Assert.Single(a1.Escalations).Story);
        Assert.Equal("Two social workers left in June.", Assert.Single(a1.Claims).Text);
        var challenge = Assert.Single(a1.Challenges);
        Assert.Equal(("What is the recruitment plan?", "Agency staff start in September."), (challenge.Text, Assert.Single(challenge.Responses).Text));
        Assert.Equal(ContractMonitor.Contracts.Escalations.EscalationReason.MissingReturns, Assert.Single(paper.Exceptions[1].Escalations).Reason);
        Assert.True(paper.Exceptions[2].SustainedDecline);

        var all = paper.Categories.ToDictionary(c => c.Name, c => c.Measures.Select(m => m.Code).ToList());
        Assert.Equal(["A1", "B1", "C1", "E1"], all["Category"]);
        Assert.Equal(["D1"], all["Workforce"]);
        var b1 = paper.Categories[0].Measures.Single(m => m.Code == "B1");
        Assert.Equal(("20", Rating.OnTarget, true, "Incomplete: no figure for 2016-06."), (b1.Headline.Text, b1.Rating, b1.Headline.Indicative, b1.Headline.Note));
        var c1 = paper.Categories[0].Measures.Single(m => m.Code == "C1");
        Assert.Equal(("70.0%", Rating.OnTarget, (PaperFigure?)null), (c1.Headline.Text, c1.Rating, c1.LatestMonth));
        Assert.Equal(Rating.Pending, paper.Categories[0].Measures.Single(m => m.Code == "E1").Rating);
        Assert.Null(paper.SinceLastPaper);
    }

    [Fact]
    public async Task TheWordDocumentSaysEverythingThePaperDoesAndIsValidOpenXml()
    {
        var scenario = await PaperScenario.CreateAsync(api);

        var response = await scenario.Commissioner.GetAsync(Preview(scenario).Replace("/preview?", "/preview/document?", StringComparison.Ordinal));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        var invalid = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(invalid.Count == 0, string.Join(Environment.NewLine, invalid));
        var text = PaperDocumentText.Of(bytes);
        foreach (var expected in new[]
                 {
                     "A1 Measure A1", "B1 Measure B1", "C1 Measure C1", "D1 Measure D1", "E1 Measure E1",
                     "Q1 2016-17 (April to June 2016): 42.0%, failing", "July 2016: 35.0%, failing", "Q1 2016-17 (April to June 2016): 20, on target (indicative)",
                     "on target", "within tolerance", "failing", "pending", "sustained decline",
                     "2016-06: Two social workers left in June.", "What is the recruitment plan?", "The trust's response: Agency staff start in September.",
                     "3 of the 5 measures were on target", "Exceptions", "All measures", "Workforce", "This is the first paper published for this contract.",
                 })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LibreOfficeOpensTheWordDocument()
    {
        const string soffice = "/usr/bin/soffice";
        Assert.SkipUnless(File.Exists(soffice), $"LibreOffice is not installed at {soffice} (apt-get install libreoffice-writer-nogui); the conversion check needs it.");
        var scenario = await PaperScenario.CreateAsync(api);
        var bytes = await scenario.Commissioner.GetByteArrayAsync(Preview(scenario).Replace("/preview?", "/preview/document?", StringComparison.Ordinal));
        var folder = Directory.CreateTempSubdirectory("paper-");
        try
        {
            var docx = Path.Combine(folder.FullName, "paper.docx");
            await File.WriteAllBytesAsync(docx, bytes);
            using var process = Process.Start(new ProcessStartInfo(soffice,
                ["--headless", $"-env:UserInstallation=file://{folder.FullName}/profile", "--convert-to", "pdf", "--outdir", folder.FullName, docx])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);

            var pdf = new FileInfo(Path.Combine(folder.FullName, "paper.pdf"));
            Assert.True(pdf.Exists && pdf.Length > 1000, $"soffice exited {process.ExitCode}: {await process.StandardError.ReadToEndAsync()}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("period=2016-07", "'2016-07' is a month")]
    [InlineData("period=Q1", "'Q1' is not a quarter")]
    [InlineData("period=2030-31-Q1", "2030-31-Q1 has not begun")]
    [InlineData("period=2015-16-Q4", "2015-16-Q4 is outside the contract's term")]
    [InlineData("", "is required")]
    public async Task ABadPeriodIsNamed(string query, string message)
    {
        var scenario = await PaperScenario.CreateAsync(api);

        var problem = await (await scenario.Commissioner.GetAsync(Preview(scenario, query))).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(message, problem.ErrorsFor("period")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task APreviewKnownAtAnEarlierDayShowsWhatWasKnownThen()
    {
        var scenario = await PaperScenario.CreateAsync(api);
        api.Clock.Now = PaperScenario.Day.AddDays(1);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2016-06", 60m, 30m, 50m))).EnsureSuccessStatusCode();

        var now = (await scenario.Commissioner.GetAsync<PaperContent>(Preview(scenario)))!;
        var then = (await scenario.Commissioner.GetAsync<PaperContent>(Preview(scenario, "period=2016-17-Q1&knownAt=2016-08-20")))!;

        // (40×100 + 50×100 + 60×50) / 250 now; June was 30 when 20 August ended.
        Assert.Equal(48.0m, now.Categories[0].Measures[0].Headline.Value);
        Assert.Equal((42.0m, new DateTimeOffset(2016, 8, 20, 23, 0, 0, TimeSpan.Zero)), (then.Categories[0].Measures[0].Headline.Value, then.KnownAt));
    }
}
