namespace ContractMonitor.Core.Text;

/// <summary>What free text may hold, the same for a request field, a claim in a batch or a CSV cell.</summary>
internal static class TextRules
{
    /// <summary>The longest free text anywhere: a definition, a claim, a challenge.</summary>
    public const int MaxText = 4000;

    private const int EchoLength = 40;

    /// <param name="allowLineBreaks">Multi-line text may hold line feeds, carriage returns and tabs.</param>
    public static bool HasControlCharacters(string value, bool allowLineBreaks)
    {
        return value.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));
    }

    /// <summary>Echoes what was sent in an error without letting a megabyte of it into the answer.</summary>
    public static string Shorten(string text)
    {
        return text.Length <= EchoLength ? text : string.Concat(text.AsSpan(0, EchoLength), "…");
    }
}
