using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>
/// The same migrations must give both engines the same tables, columns, nullability, keys and
/// unique constraints; types are compared by the storage family SQLite gives each SQL Server type.
/// </summary>
public sealed class SchemaParityTests(MigratedSqliteFile migrated) : IClassFixture<MigratedSqliteFile>
{
    private static readonly Dictionary<string, string> SqliteFamily = new(StringComparer.Ordinal)
    {
        ["BIGINT"] = "INTEGER",
        ["INT"] = "INTEGER",
        ["SMALLINT"] = "INTEGER",
        ["BIT"] = "INTEGER",
        ["NVARCHAR"] = "TEXT",
        ["NCHAR"] = "TEXT",
        ["DECIMAL"] = "NUMERIC",
        ["DATE"] = "DATETIME",
        ["DATETIME2"] = "DATETIME",
        ["UNIQUEIDENTIFIER"] = "UNIQUEIDENTIFIER",
        ["FLOAT"] = "REAL",
        ["VARBINARY"] = "BLOB",
    };

    private readonly SqlServerSchema sqlServer = SqlServerSchema.FromMigrations;
    private readonly Dictionary<string, TableShape> sqlite = SqliteSchema.Read(migrated.ConnectionString);

    [Fact]
    public void BothEnginesHaveTheSameTables()
    {
        Assert.Equal(sqlServer.Tables.Keys.Order(), sqlite.Keys.Order());
        Assert.Equal(["ContractId,Code"], sqlite["Measures"].Uniques);
        Assert.Equal(["ContractId->Contracts"], sqlite["Measures"].ForeignKeys);
    }

    public static TheoryData<string> Tables() => new(SqlServerSchema.FromMigrations.Tables.Keys.Order());

    [Theory]
    [MemberData(nameof(Tables))]
    public void TableHasTheSameColumnsTypesAndNullability(string table)
    {
        var expected = sqlServer.Tables[table].Columns.ToDictionary(
            c => c.Key,
            c => new ColumnShape(SqliteFamily.TryGetValue(c.Value.Type, out var family) ? family : $"unmapped {c.Value.Type}", c.Value.Nullable));
        Assert.Equal(expected.OrderBy(c => c.Key), sqlite[table].Columns.OrderBy(c => c.Key));
    }

    [Theory]
    [MemberData(nameof(Tables))]
    public void TableHasTheSameKeys(string table)
    {
        var server = sqlServer.Tables[table];
        var embedded = sqlite[table];
        Assert.Equal(server.PrimaryKey, embedded.PrimaryKey);
        Assert.Equal(server.Uniques, embedded.Uniques);
        Assert.Equal(server.ForeignKeys, embedded.ForeignKeys);
    }
}
