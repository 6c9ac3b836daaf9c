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
    public Dictionary<string, TableShape> Tables { get; } = new(StringComparer.Ordinal);

    public static SqlServerSchema FromScript(string script)
    {
        var schema = new SqlServerSchema();
        foreach (var statement in TSql.Statements(TSql.Parse(script)))
        {
            switch (statement)
            {
                case CreateTableStatement create:
                    var table = new TableShape();
                    schema.Tables[create.SchemaObjectName.BaseIdentifier.Value] = table;
                    foreach (var column in create.Definition.ColumnDefinitions)
                    {
                        var notNull = column.Constraints.OfType<NullableConstraintDefinition>().Any(c => !c.Nullable);
                        var type = ((SqlDataTypeReference)column.DataType).SqlDataTypeOption.ToString().ToUpperInvariant();
                        table.Columns[column.ColumnIdentifier.Value] = new ColumnShape(type, !notNull);
                    }

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

    private static string ColumnName(ColumnWithSortOrder column) => column.Column.MultiPartIdentifier.Identifiers[^1].Value;
}

/// <summary>The SQLite schema, read back from a file the migrations built.</summary>
public static class SqliteSchema
{
    /// <summary>FluentMigrator's own bookkeeping table; it is not part of the app's schema.</summary>
    private const string VersionTable = "VersionInfo";

    public static Dictionary<string, TableShape> Read(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var tables = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        foreach (var name in Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", r => r.GetString(0)))
        {
            if (name == VersionTable)
            {
                continue;
            }

            var table = new TableShape();
            tables[name] = table;
            var columns = Query(connection, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{name}')",
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetInt64(2) == 1, Pk: r.GetInt64(3)));
            foreach (var column in columns)
            {
                table.Columns[column.Name] = new ColumnShape(column.Type.ToUpperInvariant(), !column.NotNull);
            }

            table.PrimaryKey = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            foreach (var index in Query(connection, $"SELECT name FROM pragma_index_list('{name}') WHERE \"unique\" = 1 AND origin <> 'pk'", r => r.GetString(0)))
            {
                table.Uniques.Add(string.Join(",", Query(connection, $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno", r => r.GetString(0))));
            }

            foreach (var foreignKey in Query(connection, $"SELECT \"from\", \"table\" FROM pragma_foreign_key_list('{name}')", r => $"{r.GetString(0)}->{r.GetString(1)}"))
            {
                table.ForeignKeys.Add(foreignKey);
            }
        }

        return tables;
    }

    private static List<T> Query<T>(SqliteConnection connection, string sql, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
