using Microsoft.Data.Sqlite;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>A real SQLite database file in the temp folder, removed with its WAL files afterwards.</summary>
public sealed class TempSqliteFile : IDisposable
{
    public TempSqliteFile()
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "contractmonitor-tests");
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, $"{Guid.NewGuid():N}.db");
    }

    public string Path { get; }

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = Path }.ToString();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS temp cleaner; the test result stands.
            }
        }
    }
}
