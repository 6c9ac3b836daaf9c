using Microsoft.Data.Sqlite;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>Row counts of every application table, to prove a refused request wrote nothing.</summary>
public static class DatabaseCounts
{
    private static readonly string[] Tables =
        ["Organisations", "Contracts", "EscalationLevels", "PanelMembers", "Measures", "MeasureTargets", "AuditLog"];

    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in Tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }

        return counts;
    }
}
