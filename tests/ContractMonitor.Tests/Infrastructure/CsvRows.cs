using CsvHelper;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>A CSV download read back as a spreadsheet would: one dictionary per line, by column name.</summary>
public static class CsvRows
{
    public static List<Dictionary<string, string>> Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        using var csv = CsvReader.Create(bytes, CsvReaderOptions.Default with
        {
            Separator = ',',
            TrimWhitespace = false,
            // A download the reader would have to repair is a bug in the writer, not something to read past.
            MalformedData = CsvMalformedDataHandling.Throw,
        });
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
        {
            rows.Add(csv.Current.ToDictionary().ToDictionary(c => c.Key, c => c.Value ?? "", StringComparer.Ordinal));
        }

        return rows;
    }
}
