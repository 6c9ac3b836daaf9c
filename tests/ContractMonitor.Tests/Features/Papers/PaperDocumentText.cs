using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ContractMonitor.Tests.Features.Papers;

/// <summary>What a reader of a Word document sees: its paragraphs' text, one a line.</summary>
internal static class PaperDocumentText
{
    public static string Of(byte[] bytes)
    {
        using var document = WordprocessingDocument.Open(new MemoryStream(bytes), false);
        return string.Join("\n", document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }
}
