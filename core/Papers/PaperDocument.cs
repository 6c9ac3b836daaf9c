using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace ContractMonitor.Core.Papers;

/// <summary>
/// The paper as a Word document, for the committee clerk to edit before it goes out: the same
/// content as the page, in the same order, built with the Open XML SDK. Ratings are words in
/// shaded cells, so the paper says them without colour, and in print.
/// </summary>
internal static class PaperDocument
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static byte[] Build(PaperContent paper)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            AddStyles(main);
            var body = new Body();
            Write(body, paper);
            // A4 landscape, as the split screen prints: the tables are wide.
            body.Append(new SectionProperties(
                new PageSize { Width = 16838, Height = 11906, Orient = PageOrientationValues.Landscape },
                new PageMargin { Top = 720, Bottom = 720, Left = 720, Right = 720, Header = 360, Footer = 360, Gutter = 0 }));
            main.Document = new Document(body);
            document.PackageProperties.Title = paper.Title;
            document.PackageProperties.Creator = paper.PreparedBy;
        }

        return stream.ToArray();
    }

    private static void Write(Body body, PaperContent paper)
    {
        body.Append(Heading(paper.Title, 1));
        body.Append(Para($"{paper.ContractReference}: {paper.ContractTitle}, provided by {paper.ProviderCode} for {paper.CommissionerCode}."));
        body.Append(Para($"Period: {paper.PeriodName}."));
        body.Append(Para($"Figures as known at {Words.Time(paper.KnownAt)}. Prepared by {paper.PreparedBy}."));

        body.Append(Heading("Summary", 2));
        body.Append(Para(paper.Summary));

        body.Append(Heading("Exceptions", 2));
        if (paper.Exceptions.Count == 0)
        {
            body.Append(Para("No measure was failing, in sustained decline or escalated."));
        }

        foreach (var m in paper.Exceptions)
        {
            body.Append(Heading($"{m.Code} {m.Title}", 3));
            body.Append(FiguresTable([m]));
            foreach (var e in m.Escalations)
            {
                body.Append(Para($"Escalation (level {e.Level}, {e.LevelName}, {e.Status}): {e.Story}"));
            }

            if (m.AgreedException is { } agreed)
            {
                body.Append(Para(agreed));
            }

            body.Append(Para($"Signal or noise: {PaperText.Spc(m)}."));

            body.Append(Heading("The trust's account", 4));
            if (m.Claims.Count == 0)
            {
                body.Append(Para("The trust gave no account."));
            }

            foreach (var c in m.Claims)
            {
                body.Append(Para($"{c.Period}: {c.Text} ({c.Author}, {Words.Time(c.At)})"));
            }

            body.Append(Heading("The council's challenge", 4));
            if (m.Challenges.Count == 0)
            {
                body.Append(Para("The council raised no challenge."));
            }

            foreach (var c in m.Challenges)
            {
                body.Append(Para($"Challenge {c.Id} on {c.Period} ({c.Status}{(c.Outcome is { } o ? $", {o}" : "")}): {c.Text} ({c.Author})"));
                foreach (var r in c.Responses)
                {
                    body.Append(Para($"The trust's response: {r.Text} ({r.Author}, {Words.Time(r.At)})"));
                }
            }
        }

        body.Append(Heading("All measures", 2));
        foreach (var category in paper.Categories)
        {
            body.Append(Heading(category.Name, 3));
            body.Append(FiguresTable(category.Measures));
        }

        body.Append(Heading("Changes since the last paper", 2));
        if (paper.SinceLastPaper is not { } since)
        {
            body.Append(Para("This is the first paper published for this contract."));
        }
        else
        {
            body.Append(Para($"Since \u201c{since.Title}\u201d, published {Words.Time(since.PublishedAt)}:"));
            if (since.Changes.Count == 0)
            {
                body.Append(Para("No escalation changed and no figure was revised."));
            }

            foreach (var change in since.Changes)
            {
                body.Append(Para(change.Text));
            }
        }
    }

    private static readonly string[] Columns =
        ["Measure", "Period figure", "Latest month", "Target", "Tolerance", "Rating", "Direction", "Signal or noise", "Escalation"];

    private static Table FiguresTable(IReadOnlyList<PaperMeasure> measures)
    {
        var table = new Table(new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        table.Append(new TableGrid(Columns.Select(_ => new GridColumn { Width = (15398 / Columns.Length).ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        var header = new TableRow(new TableRowProperties(new TableHeader()));
        header.Append(Columns.Select(c => Cell(c, bold: true)));
        table.Append(header);
        foreach (var m in measures)
        {
            table.Append(new TableRow(
                Cell($"{m.Code} {m.Title}"),
                Cell(PaperText.Figure(m.Headline)),
                Cell(m.LatestMonth is { } latest ? PaperText.Figure(latest) : "–"),
                Cell(m.TargetText),
                Cell(m.ToleranceText),
                Cell(Words.RatingOf(m.Rating) + (m.Headline.Indicative ? " (indicative)" : ""), fill: Fill(m.Rating)),
                Cell(Words.DirectionOf(m.Direction) + (m.SustainedDecline ? "; sustained decline" : "")),
                Cell(PaperText.Spc(m)),
                Cell(PaperText.Escalations(m.Escalations))));
        }

        return table;
    }

    /// <summary>The GOV.UK tag colours, pale so the black words stay readable.</summary>
    private static string? Fill(Rating rating) => rating switch
    {
        Rating.OnTarget => "CCE2D8",
        Rating.WithinTolerance => "FFF7BF",
        Rating.Failing => "F4CDC6",
        Rating.Missing => "FCD6C3",
        _ => null,
    };

    private static TableCell Cell(string text, bool bold = false, string? fill = null)
    {
        var properties = new TableCellProperties();
        if (fill is not null)
        {
            properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = fill });
        }

        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold()));
        }

        run.Append(new WordText(text) { Space = SpaceProcessingModeValues.Preserve });
        return new TableCell(properties, new Paragraph(run));
    }

    private static Paragraph Heading(string text, int level) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = $"Heading{level}" }), new Run(new WordText(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Paragraph Para(string text) => new(new Run(new WordText(text) { Space = SpaceProcessingModeValues.Preserve }));

    /// <summary>Word's own heading and table styles, so the clerk's edits keep the document's look and its outline.</summary>
    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        var all = new Styles(
            new DocDefaults(new RunPropertiesDefault(new RunProperties(
                new RunFonts { Ascii = "Arial", HighAnsi = "Arial", ComplexScript = "Arial" }, new FontSize { Val = "20" }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(new StyleName { Val = "Table Grid" }) { Type = StyleValues.Table, StyleId = "TableGrid" });
        foreach (var (level, size) in new[] { (1, "36"), (2, "30"), (3, "24"), (4, "20") })
        {
            all.Append(new Style(
                new StyleName { Val = $"heading {level}" },
                new BasedOn { Val = "Normal" },
                new NextParagraphStyle { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = "120" },
                    new OutlineLevel { Val = level - 1 }),
                new StyleRunProperties(new Bold(), new FontSize { Val = size }))
            { Type = StyleValues.Paragraph, StyleId = $"Heading{level}" });
        }

        styles.Styles = all;
    }
}
