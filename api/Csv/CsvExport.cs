using System.Globalization;
using ContractMonitor.Core.Contracts;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Csv;

/// <summary>
/// CSV downloads as spreadsheets expect them: UTF-8 with a byte-order mark, so Excel shows £ and
/// accents; text cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP
/// CSV injection, CsvHelper's <see cref="CsvInjection.Escape"/>); numbers are written as numbers,
/// which it leaves alone.
/// </summary>
internal static class CsvExport
{
    public const string ContentType = "text/csv";

    /// <summary>
    /// True for <c>?format=csv</c>, false for <c>?format=json</c>, and without it whether the client
    /// accepts <c>text/csv</c>; null for any other format.
    /// </summary>
    public static bool? Wanted(string? format, HttpRequest request)
    {
        return format?.Trim().ToUpperInvariant() switch
        {
            "CSV" => true,
            "JSON" => false,
            null => request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase)),
            _ => null,
        };
    }

    public const string InvalidFormat = "must be csv or json.";

    /// <summary>A download named after the contract's reference, such as <c>returns-CSC-2026.csv</c>.</summary>
    public static FileContentHttpResult File(string name, Contract contract, Action<CsvWriter> write)
    {
        using var bytes = new MemoryStream();
        using (var csv = CsvWriter.Create(bytes, CsvWriterOptions.Default with { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            write(csv);
        }

        var reference = new string(contract.Reference.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        return TypedResults.File(bytes.ToArray(), $"{ContentType}; charset=utf-8", $"{name}-{reference}.csv");
    }

    /// <summary>A figure as a number, so the injection guard (which looks at text) leaves -3 as it is.</summary>
    public static void WriteNumber(this CsvWriter csv, decimal? value) => csv.WriteField(value, "");
}
