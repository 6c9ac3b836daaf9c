using ContractMonitor.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>
/// SQL Server checked without a server: the DDL FluentMigrator generates for it, and every
/// statement the app runs, must parse with SQL Server's own parser and name only real tables.
/// </summary>
public sealed class SqlServerScriptTests(MigratedSqliteFile migrated) : IClassFixture<MigratedSqliteFile>
{
    private static SqlServerSchema Schema => SqlServerSchema.FromMigrations;

    [Fact]
    public void MigrationScriptParsesAsTSql()
    {
        var statements = TSql.Statements(TSql.Parse(SqlServerSchema.MigrationScript));

        Assert.Contains(statements, s => s is CreateTableStatement);
        Assert.Equal(
            [
                "AgreedExceptions", "AuditLog", "ChallengeResponses", "Challenges", "Claims", "Contracts", "EscalationEvents", "EscalationLevels", "Escalations", "EvaluationRequests", "Evaluations", "ExceptionEvents",
                "IdempotencyKeys", "MeasureDefinitions", "MeasureTargets", "Measures", "Notifications", "Organisations", "PanelMembers", "Papers", "PendingEvaluations", "PeriodEvents", "PolicyChangeLevels", "PolicyChanges", "Returns",
                "SpcRecalculations",
            ],
            Schema.Tables.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>Issue 21: Hangfire's tables come from the migrations runner too, and its script parses as T-SQL like the rest.</summary>
    [Fact]
    public void TheMigrationsInstallHangfiresSchema()
    {
        var tables = new CreatedTables();
        TSql.Parse(SqlServerSchema.MigrationScript).Accept(tables);

        var hangfire = tables.Names.Where(n => n.Schema == "HangFire").Select(n => n.Table).ToList();
        Assert.Contains("Job", hangfire);
        Assert.Contains("Server", hangfire);
    }

    /// <summary>Every CREATE TABLE, however deep in IF blocks (Hangfire's script installs version by version).</summary>
    private sealed class CreatedTables : TSqlFragmentVisitor
    {
        public List<(string? Schema, string Table)> Names { get; } = [];

        public override void Visit(CreateTableStatement node) =>
            Names.Add((node.SchemaObjectName.SchemaIdentifier?.Value, node.SchemaObjectName.BaseIdentifier.Value));
    }

    public static TheoryData<AppStatements.Statement> Statements() => new(AppStatements.All);

    [Fact]
    public void EveryStoreContributesItsQueries()
    {
        var stores = typeof(ContractMonitor.Core.Data.Database).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Store", StringComparison.Ordinal) || t.Name is "AuditLog" or "DatabaseHealthCheck" or "IdempotencyKeys" or "PendingEvaluations")
            .Select(t => t.Name)
            .ToList();
        Assert.True(stores.Count >= 6, string.Join(", ", stores));
        foreach (var store in stores)
        {
            Assert.Contains(AppStatements.All, s => s.Name.StartsWith(store + ".", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void AppStatementParsesAsTSqlAndNamesOnlyKnownTables(AppStatements.Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var fragment = TSql.Parse(TSql.AsSentByDapper(statement.SqlServer));

        var tables = new TableNames();
        fragment.Accept(tables);
        foreach (var table in tables.Names)
        {
            Assert.True(Schema.Tables.ContainsKey(table), $"{statement.Name} names unknown table {table}");
        }

        foreach (var (table, columns) in tables.InsertColumns)
        {
            foreach (var column in columns)
            {
                Assert.True(Schema.Tables[table].Columns.ContainsKey(column), $"{statement.Name} inserts unknown column {table}.{column}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Statements))]
    public void AppStatementCompilesOnTheMigratedSqliteSchema(AppStatements.Statement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        Assert.SkipWhen(statement.Name.StartsWith("SqlServerDatabase.", StringComparison.Ordinal),
            "SQL Server only: it prepares the database on the server (creates it, reads its compatibility level); SQLite needs neither.");
        Assert.SkipWhen(statement.Name.StartsWith("AppLogin.", StringComparison.Ordinal),
            "SQL Server only: it creates the app's least-privilege login; SQLite has no logins.");
        using var connection = new SqliteConnection(migrated.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = TSql.AsSentByDapper(statement.Sqlite);

        // Prepare compiles against the real schema: a misspelt table or column fails here.
        command.Prepare();
    }

    private sealed class TableNames : TSqlFragmentVisitor
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

        public List<(string Table, List<string> Columns)> InsertColumns { get; } = [];

        public override void Visit(NamedTableReference node)
        {
            ArgumentNullException.ThrowIfNull(node);
            // The server's own catalog (sys.databases, read by the migrations runner) is not the app's schema.
            if (!string.Equals(node.SchemaObject.SchemaIdentifier?.Value, "sys", StringComparison.OrdinalIgnoreCase))
            {
                Names.Add(node.SchemaObject.BaseIdentifier.Value);
            }
        }

        public override void Visit(InsertSpecification node)
        {
            ArgumentNullException.ThrowIfNull(node);
            if (node.Target is NamedTableReference target)
            {
                InsertColumns.Add((target.SchemaObject.BaseIdentifier.Value,
                    node.Columns.Select(c => c.MultiPartIdentifier.Identifiers[^1].Value).ToList()));
            }
        }
    }
}
