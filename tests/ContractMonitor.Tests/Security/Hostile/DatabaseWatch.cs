using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Tests.Security.Hostile;

/// <summary>
/// Watches the api's database from a connection of its own. SQLite's data_version moves whenever
/// another connection commits, so "did anything commit?" costs one pragma; when something did, the
/// row counts and a SHA-256 of every row of every table say what changed.
/// </summary>
public sealed class DatabaseWatch : IAsyncDisposable
{
    private readonly SqliteConnection connection;
    private long version;

    private DatabaseWatch(SqliteConnection connection) => this.connection = connection;

    public static async Task<DatabaseWatch> OpenAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var watch = new DatabaseWatch(connection);
        await watch.CommittedSinceLastAskedAsync();
        return watch;
    }

    /// <summary>True when another connection has committed since the last call.</summary>
    public async Task<bool> CommittedSinceLastAskedAsync()
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        var now = (long)(await command.ExecuteScalarAsync())!;
        var changed = now != version;
        version = now;
        return changed;
    }

    /// <summary>Per table: its row count and a hash of all its rows in rowid order.</summary>
    public async Task<IReadOnlyDictionary<string, string>> FingerprintAsync()
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var table in DatabaseCounts.Tables)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var rows = 0;
            // A table's name cannot be a parameter. The names come from DatabaseCounts' constant SQL,
            // and one that is not a plain identifier stops the test rather than reach the statement.
            if (!table.All(char.IsAsciiLetter))
            {
                throw new InvalidOperationException($"'{table}' is not a table name.");
            }

            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table} ORDER BY rowid";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    var value = reader.IsDBNull(i) ? "\u0001null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
                    hash.AppendData(Encoding.UTF8.GetBytes($"{value}\u0000"));
                }
            }

            result[table] = $"{rows} rows {Convert.ToHexString(hash.GetHashAndReset())[..16]}";
        }

        return result;
    }

    public async Task<long> QueuedEvaluationsAsync()
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM EvaluationRequests WHERE CompletedAt IS NULL";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
