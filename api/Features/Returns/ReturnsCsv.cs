using System.Globalization;
using System.Text;
using ContractMonitor.Api.Csv;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Text;
using CsvHelper;

namespace ContractMonitor.Api.Features.Returns;

/// <summary>
/// Returns as CSV, the way trusts keep their figures: upload with the header
/// <c>measureCode,period,value,numerator,denominator,commentary</c> (any order, any case; the
/// extra columns of an export are ignored, so an export can be edited and sent back), and export.
/// Lines are numbered as a spreadsheet numbers them, the header being line 1.
/// </summary>
internal static class ReturnsCsv
{
    public const string ContentType = CsvExport.ContentType;

    public static readonly IReadOnlyList<string> Columns = ["measureCode", "period", "value", "numerator", "denominator", "commentary"];

    private static readonly IReadOnlyList<string> ExportOnlyColumns =
        ["revision", "late", "smallCohort", "dueDate", "submittedBy", "submittedByOrg", "submittedAt"];

    private static readonly IReadOnlyList<string> Required = ["measureCode", "period", "value"];

    /// <summary>What an upload held: rows with the line each began on, or why the file cannot be read at all.</summary>
    public sealed record Upload(
        IReadOnlyList<ReturnRowRequest?> Rows,
        IReadOnlyList<int> Lines,
        IReadOnlyDictionary<string, string[]> Errors,
        string? FileProblem)
    {
        public static Upload Unreadable(string problem) => new([], [], new Dictionary<string, string[]>(), problem);
    }

    public static string LineName(int line) => string.Create(CultureInfo.InvariantCulture, $"lines[{line}]");

    /// <summary>
    /// The longest line a return can take: a commentary of 4,000 characters (at most 12,000 bytes in
    /// UTF-8) and the figures beside it. A longer one is not a return. The reader's own limit only
    /// stops it growing its buffer (a record already in the buffer passes it), so each record is
    /// measured too.
    /// </summary>
    private const int MaxRecordBytes = 20_000;

    public static async Task<Upload> ReadAsync(Stream body, int maxRows, CancellationToken cancellationToken)
    {
        // Strict UTF-8: a file saved as Windows-1252 would otherwise turn every £ and é into '?' without a word.
        using var text = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        // The reader scans ahead, so a broken quote can be reported before the lines above it are
        // returned: each is kept by the line its record starts on.
        var malformed = new Dictionary<long, CsvMalformedReason>();
        var options = CsvReaderOptions.Default with
        {
            Separator = ',',
            DetectSeparatorHint = false,
            HasHeader = false,
            TrackLineNumbers = true,
            SkipEmptyLines = true,
            MaxRecordSize = MaxRecordBytes,
            OnMalformedRecord = record => malformed.TryAdd(record.LineNumber, record.Reason),
        };
        try
        {
            await using var csv = CsvReader.Create(text, options, leaveOpen: true);
            if (!await csv.ReadAsync(cancellationToken))
            {
                return Upload.Unreadable($"The file is empty. Its first line must be the header {string.Join(',', Columns)}.");
            }

            var (header, headerProblem) = ReadHeader(csv.Current.ToArray());
            if (header is null)
            {
                return Upload.Unreadable(headerProblem!);
            }

            var rows = new List<ReturnRowRequest?>();
            var lines = new List<int>();
            var errors = new Dictionary<string, string[]>();
            while (await csv.ReadAsync(cancellationToken))
            {
                var line = (int)csv.LineNumber;
                if (csv.RawRecord.Length > MaxRecordBytes)
                {
                    return Unreadable(line);
                }

                var record = csv.Current.ToArray();
                CsvMalformedReason? reason = malformed.Remove(csv.LineNumber, out var found) ? found : null;
                if (reason == CsvMalformedReason.UnterminatedQuote)
                {
                    return Unreadable(line);
                }

                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue; // spreadsheets save trailing rows of empty cells
                }

                if (rows.Count == maxRows)
                {
                    return Upload.Unreadable($"The file has more than {maxRows} returns; split it into batches of at most {maxRows}.");
                }

                var problem = reason is CsvMalformedReason.StrayQuote or CsvMalformedReason.TextAfterClosingQuote
                    ? "is not valid CSV: a quote (\") inside a field must be doubled and the field quoted."
                    : record.Length > header.Count
                        ? string.Create(CultureInfo.InvariantCulture,
                            $"has {record.Length} fields but the header has {header.Count}; quote any field that contains a comma.")
                        : null;
                if (problem is not null)
                {
                    // The cells of a broken line cannot be trusted, so only the line is reported.
                    errors[LineName(line)] = [problem];
                }

                rows.Add(problem is null ? ReadRow(record, header, line, errors) : null);
                lines.Add(line);
            }

            return rows.Count == 0
                ? Upload.Unreadable("The file has a header but no returns.")
                : new Upload(rows, lines, errors, null);
        }
        catch (DecoderFallbackException)
        {
            return Upload.Unreadable("The file is not UTF-8 text. In Excel, save it as 'CSV UTF-8 (Comma delimited)'.");
        }
        catch (CsvFormatException ex)
        {
            return Unreadable(ex.LineNumber);
        }

        static Upload Unreadable(long line) => Upload.Unreadable(string.Create(CultureInfo.InvariantCulture,
            $"The file could not be read as CSV near line {line}: a field is too long or a quote is never closed."));
    }

    /// <summary>Column name to position, or why line 1 is not the header: a column unknown, repeated or missing.</summary>
    private static (Dictionary<string, int>? Header, string? Problem) ReadHeader(string[] record)
    {
        if (record is [var only] && (only.Contains(';', StringComparison.Ordinal) || only.Contains('\t', StringComparison.Ordinal)))
        {
            return (null, $"Line 1 must be the header {string.Join(',', Columns)}, with commas between the fields; this file uses "
                + (only.Contains(';', StringComparison.Ordinal) ? "semicolons." : "tabs."));
        }

        var names = record.Select(n => n.Trim().TrimStart('\uFEFF')).ToList();
        var unknown = names.Where(n => !Columns.Contains(n, StringComparer.OrdinalIgnoreCase)
            && !ExportOnlyColumns.Contains(n, StringComparer.OrdinalIgnoreCase)).ToList();
        var repeated = names.GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        var missing = Required.Where(r => !names.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
        var why = unknown.Count > 0 ? $"unknown column{(unknown.Count > 1 ? "s" : "")} {Quote(unknown)}"
            : repeated.Count > 0 ? $"repeated column{(repeated.Count > 1 ? "s" : "")} {Quote(repeated)}"
            : missing.Count > 0 ? $"missing column{(missing.Count > 1 ? "s" : "")} {Quote(missing)}"
            : null;
        return why is null
            ? (names.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => c.i, StringComparer.OrdinalIgnoreCase), null)
            : (null, $"Line 1 must be the header {string.Join(',', Columns)} ({why}).");

        static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(n => $"'{TextRules.Shorten(n)}'"));
    }

    private static ReturnRowRequest ReadRow(string[] record, Dictionary<string, int> header, int line, Dictionary<string, string[]> errors)
    {
        string? Text(string column) =>
            header.TryGetValue(column, out var i) && i < record.Length && !string.IsNullOrWhiteSpace(record[i]) ? record[i].Trim() : null;

        decimal? Number(string column)
        {
            if (Text(column) is not { } text)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            errors[$"{LineName(line)}.{column}"] = [$"'{TextRules.Shorten(text)}' is not a number; write it like 61.5, without % or thousands separators."];
            return null;
        }

        return new ReturnRowRequest(
            Text("measureCode"), Text("period"), Number("value"), Number("numerator"), Number("denominator"), Text("commentary"));
    }

    /// <summary>The upload's columns first, so an export can be edited and sent back.</summary>
    public static void Write(CsvWriter csv, IEnumerable<ReturnResponse> returns)
    {
        csv.WriteHeader([.. Columns, .. ExportOnlyColumns]);
        foreach (var r in returns)
        {
            csv.WriteField(r.MeasureCode);
            csv.WriteField(r.Period);
            csv.WriteNumber(r.Value);
            csv.WriteNumber(r.Numerator);
            csv.WriteNumber(r.Denominator);
            csv.WriteField(r.Commentary);
            csv.WriteField(r.Revision.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(r.Late ? "true" : "false");
            csv.WriteField(r.SmallCohort ? "true" : "false");
            csv.WriteField(r.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(r.SubmittedBy);
            csv.WriteField(r.SubmittedByOrg);
            csv.WriteField(r.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    }
}
