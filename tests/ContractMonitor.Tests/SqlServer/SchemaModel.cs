using ContractMonitor.Migrations;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ContractMonitor.Tests.SqlServer;

public sealed record ColumnShape(string Type, bool Nullable);

/// <summary>One table as both engines can describe it: columns, primary key, unique keys, foreign keys.</summary>
public sealed class TableShape
{
    public Dictionary<string, ColumnShape> Columns { get; } = new(StringComparer.Ordinal);

    public List<string> PrimaryKey { get; set; } = [];

    public SortedSet<string> Uniques { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> ForeignKeys { get; } = new(StringComparer.Ordinal);
}

/// <summary>The SQL Server schema, read from the T-SQL FluentMigrator generates, with no server.</summary>
public sealed class SqlServerSchema
{
    private static readonly Lazy<string> MigrationScriptText = new(() => SchemaMigrator.Script(DatabaseProvider.SqlServer));
    private static readonly Lazy<SqlServerSchema> FromMigrationsSchema = new(() => FromScript(MigrationScript));

    /// <summary>The DDL every migration generates for SQL Server, scripted once per test run.</summary>
    public static string MigrationScript => MigrationScriptText.Value;

    /// <summary>The schema that DDL describes.</summary>
    public static SqlServerSchema FromMigrations => FromMigrationsSchema.Value;

    public Dictionary<string, TableShape> Tables { get; } = new(StringComparer.Ordinal);

    public static SqlServerSchema FromScript(string script)
    {
        var schema = new SqlServerSchema();
        foreach (var statement in TSql.Statements(TSql.Parse(script)))
        {
            // Hangfire's own tables (its install script, M0017) are its business: SQLite has none to compare.
            if (statement is CreateTableStatement { SchemaObjectName.SchemaIdentifier.Value: "HangFire" }
                or AlterTableStatement { SchemaObjectName.SchemaIdentifier.Value: "HangFire" }
                or CreateIndexStatement { OnName.SchemaIdentifier.Value: "HangFire" })
            {
                continue;
            }

            switch (statement)
            {
                case CreateTableStatement create:
                    var table = new TableShape();
                    schema.Tables[create.SchemaObjectName.BaseIdentifier.Value] = table;
                    AddColumns(table, create.Definition.ColumnDefinitions);

                    foreach (var key in create.Definition.TableConstraints.OfType<UniqueConstraintDefinition>())
                    {
                        if (key.IsPrimaryKey)
                        {
                            table.PrimaryKey = key.Columns.Select(ColumnName).ToList();
                        }
                        else
                        {
                            table.Uniques.Add(string.Join(",", key.Columns.Select(ColumnName)));
                        }
                    }

                    break;
                case AlterTableAddTableElementStatement alter:
                    var altered = schema.Tables[alter.SchemaObjectName.BaseIdentifier.Value];
                    AddColumns(altered, alter.Definition.ColumnDefinitions);
                    foreach (var constraint in alter.Definition.TableConstraints)
                    {
                        if (constraint is UniqueConstraintDefinition unique)
                        {
                            altered.Uniques.Add(string.Join(",", unique.Columns.Select(ColumnName)));
                        }
                        else if (constraint is ForeignKeyConstraintDefinition foreignKey)
                        {
                            altered.ForeignKeys.Add(
                                $"{string.Join(",", foreignKey.Columns.Select(c => c.Value))}->{foreignKey.ReferenceTableName.BaseIdentifier.Value}");
                        }
                    }

                    break;
                case CreateIndexStatement { Unique: true } index:
                    schema.Tables[index.OnName.BaseIdentifier.Value].Uniques
                        .Add(string.Join(",", index.Columns.Select(ColumnName)));
                    break;
            }
        }

        return schema;
    }

    private static void AddColumns(TableShape table, IEnumerable<ColumnDefinition> columns)
    {
        foreach (var column in columns)
        {
            var notNull = column.Constraints.OfType<NullableConstraintDefinition>().Any(c => !c.Nullable);
            var type = ((SqlDataTypeReference)column.DataType).SqlDataTypeOption.ToString().ToUpperInvariant();
            table.Columns[column.ColumnIdentifier.Value] = new ColumnShape(type, !notNull);
        }
    }

    private static string ColumnName(ColumnWithSortOrder column) => column.Column.MultiPartIdentifier.Identifiers[^1].Value;
}

/// <summary>The SQLite schema, read back from a file the migrations built.</summary>
public static class SqliteSchema
{
    // VersionInfo is FluentMigrator's own bookkeeping table, not part of the app's schema.
    private const string TablesSql = """
        SELECT name FROM sqlite_master
        WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'VersionInfo'
        """;

    private const string ColumnsSql = """
        SELECT name, type, "notnull", pk FROM pragma_table_info(@Table)
        """;

    private const string UniqueIndexesSql = """
        SELECT name FROM pragma_index_list(@Table) WHERE "unique" = 1 AND origin <> 'pk'
        """;

    private const string IndexColumnsSql = """
        SELECT name FROM pragma_index_info(@Index) ORDER BY seqno
        """;

    private const string ForeignKeysSql = """
        SELECT "from" || '->' || "table" FROM pragma_foreign_key_list(@Table)
        """;

    public static Dictionary<string, TableShape> Read(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        var tables = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        foreach (var name in connection.Query<string>(TablesSql))
        {
            var table = new TableShape();
            tables[name] = table;
            var columns = connection.Query<(string Name, string Type, long NotNull, long Pk)>(ColumnsSql, new { Table = name }).ToList();
            foreach (var column in columns)
            {
                table.Columns[column.Name] = new ColumnShape(column.Type.ToUpperInvariant(), column.NotNull == 0);
            }

            table.PrimaryKey = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            foreach (var index in connection.Query<string>(UniqueIndexesSql, new { Table = name }))
            {
                table.Uniques.Add(string.Join(",", connection.Query<string>(IndexColumnsSql, new { Index = index })));
            }

            table.ForeignKeys.UnionWith(connection.Query<string>(ForeignKeysSql, new { Table = name }));
        }

        return tables;
    }
}
