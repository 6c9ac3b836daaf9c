using ContractMonitor.Migrations;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// One SQLite file migrated to the latest schema, shared by a test class whose tests only read the
/// schema or make rows of their own, so it is migrated once rather than once per test.
/// </summary>
public sealed class MigratedSqliteFile : IDisposable
{
    private readonly TempSqliteFile file = new();

    public MigratedSqliteFile() => SchemaMigrator.MigrateUp(DatabaseProvider.Sqlite, file.ConnectionString);

    public string ConnectionString => file.ConnectionString;

    public void Dispose() => file.Dispose();
}
