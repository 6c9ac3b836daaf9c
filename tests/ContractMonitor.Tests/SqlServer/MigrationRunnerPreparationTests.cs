using ContractMonitor.Migrations;
using Microsoft.Data.SqlClient;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>
/// Issue 22: the runner connects to its own database first (contained and Azure SQL users may not
/// reach master), goes to master only to create a missing database, and refuses a compatibility
/// level below 130, where OPENJSON does not exist. Checked without a server: the sessions are a
/// recorder, and what each was asked is captured.
/// </summary>
public sealed class MigrationRunnerPreparationTests
{
    private const string Target = "Server=db.council.local;Database=ContractMonitor;User ID=app;Password=x;TrustServerCertificate=true";

    private sealed class Server(bool exists, int level, bool snapshot = true)
    {
        private readonly bool snapshot = snapshot;

        public bool Exists { get; private set; } = exists;

        public List<(string Database, string Sql)> Sent { get; } = [];

        public ISqlServerSession Connect(string connectionString)
        {
            var database = new SqlConnectionStringBuilder(connectionString).InitialCatalog;
            Sent.Add((database, "(connect)"));
            if (database != "master" && !Exists)
            {
                throw new DatabaseMissingException(database, new InvalidOperationException("4060"));
            }

            return new Session(this, database, level);
        }

        private sealed class Session(Server server, string database, int level) : ISqlServerSession
        {
            public object? Scalar(string sql, string? name = null)
            {
                server.Sent.Add((database, sql));
                if (sql == SqlServerDatabase.CreateIfMissingSql)
                {
                    server.Exists = true;
                    return null;
                }

                return sql == SqlServerDatabase.ReadCommittedSnapshotSql ? (server.snapshot ? 1 : 0) : level;
            }

            public void Dispose()
            {
            }
        }
    }

    [Fact]
    public void AnExistingDatabaseIsReachedWithoutMaster()
    {
        var server = new Server(exists: true, level: 150);

        SqlServerDatabase.EnsureReady(Target, server.Connect);

        Assert.DoesNotContain(server.Sent, s => s.Database == "master");
        Assert.Equal(
            [("ContractMonitor", "(connect)"), ("ContractMonitor", SqlServerDatabase.CompatibilityLevelSql), ("ContractMonitor", SqlServerDatabase.ReadCommittedSnapshotSql)],
            server.Sent);
    }

    [Fact]
    public void AMissingDatabaseIsCreatedFromMasterAndThenReachedItself()
    {
        var server = new Server(exists: false, level: 160, snapshot: false);

        SqlServerDatabase.EnsureReady(Target, server.Connect);

        Assert.Equal(
            [
                ("ContractMonitor", "(connect)"), ("master", "(connect)"), ("master", SqlServerDatabase.CreateIfMissingSql),
                ("ContractMonitor", "(connect)"), ("ContractMonitor", SqlServerDatabase.CompatibilityLevelSql),
                ("ContractMonitor", SqlServerDatabase.ReadCommittedSnapshotSql), ("ContractMonitor", SqlServerDatabase.ReadCommittedSnapshotOnSql),
            ],
            server.Sent);
    }

    [Theory]
    [InlineData(120, false)]
    [InlineData(130, true)]
    [InlineData(160, true)]
    public void ACompatibilityLevelBelow130IsRefusedWithWhatToDo(int level, bool accepted)
    {
        var server = new Server(exists: true, level: level);

        var refused = Record.Exception(() => SqlServerDatabase.EnsureReady(Target, server.Connect));

        if (accepted)
        {
            Assert.Null(refused);
        }
        else
        {
            var message = Assert.IsType<InvalidOperationException>(refused).Message;
            Assert.Contains("compatibility level 120", message, StringComparison.Ordinal);
            Assert.Contains("ALTER DATABASE [ContractMonitor] SET COMPATIBILITY_LEVEL = 130", message, StringComparison.Ordinal);
        }
    }
}

/// <summary>Issue 22, item 6: Entra ID database logins need a package this build cannot carry; the api says so at start.</summary>
public sealed class EntraDatabaseLoginTests
{
    [Theory]
    [InlineData("Server=db;Database=cm;Authentication=Active Directory Default", false)]
    [InlineData("Server=db;Database=cm;Authentication=Active Directory Managed Identity;User ID=abc", false)]
    [InlineData("Server=db;Database=cm;User ID=app;Password=x", true)]
    [InlineData("Server=db;Database=cm;Authentication=Sql Password;User ID=app;Password=x", true)]
    public void AnActiveDirectoryLoginIsRefusedAtStartWithWhatToUseInstead(string connectionString, bool accepted)
    {
        var refused = Record.Exception(() => ContractMonitor.Core.CoreServices.RefuseEntraAuthentication(connectionString));

        if (accepted)
        {
            Assert.Null(refused);
        }
        else
        {
            Assert.Contains("Use a SQL login", Assert.IsType<InvalidOperationException>(refused).Message, StringComparison.Ordinal);
        }
    }
}
