using ContractMonitor.Core;
using ContractMonitor.Core.Data;
using ContractMonitor.Migrations;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// One SQLite file migrated to the latest schema, shared by a test class whose tests only read the
/// schema or make rows of their own, so it is migrated once rather than once per test.
/// </summary>
public sealed class MigratedSqliteFile : IDisposable
{
    private readonly TempSqliteFile file = new();
    private readonly Lazy<Database> database;

    public MigratedSqliteFile()
    {
        // As the app prepares its own file: WAL mode, where a commit is one append rather than a journal dance.
        CoreServices.MigrateSqlite(file.ConnectionString);
        database = new(() => new Database(DatabaseProvider.Sqlite, file.ConnectionString));
    }

    public string ConnectionString => file.ConnectionString;

    /// <summary>The app's data source over this file, as the stores use it.</summary>
    internal Database Database => database.Value;

    public void Dispose()
    {
        if (database.IsValueCreated)
        {
            database.Value.Dispose();
        }

        file.Dispose();
    }
}
