using System.Globalization;
using System.Text;
using ContractMonitor.Core.Contracts;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Csv;

/// <summary>
/// CSV downloads as spreadsheets expect them: UTF-8 with a byte-order mark, so Excel shows £ and
/// accents; text cells that a spreadsheet would run as a formula get a leading apostrophe (OWASP
/// CSV injection); numbers are written as numbers.
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
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture)))
        {
            write(csv);
        }

        var reference = new string(contract.Reference.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());
        return TypedResults.File([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())],
            $"{ContentType}; charset=utf-8", $"{name}-{reference}.csv");
    }

    public static void WriteHeader(this CsvWriter csv, IEnumerable<string> columns)
    {
        foreach (var column in columns)
        {
            csv.WriteField(column);
        }

        csv.NextRecord();
    }

    public static void WriteNumber(this CsvWriter csv, decimal? value)
    {
        csv.WriteField(value?.ToString(CultureInfo.InvariantCulture) ?? "");
    }

    // CsvHelper's InjectionOptions would also prefix negative numbers, breaking the round trip of a
    // figure such as -3, so only text cells are escaped.
    public static void WriteText(this CsvWriter csv, string? text)
    {
        csv.WriteField(text is { Length: > 0 } && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text ?? "");
    }
}
