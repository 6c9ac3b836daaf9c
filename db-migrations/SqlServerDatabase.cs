using Microsoft.Data.SqlClient;

namespace ContractMonitor.Migrations;

/// <summary>One connection to a SQL Server database, as the runner's preparation uses it (public for the tests' recorder).</summary>
public interface ISqlServerSession : IDisposable
{
    object? Scalar(string sql, string? name = null);
}

/// <summary>The target database does not exist yet (error 4060 on connecting to it).</summary>
public sealed class DatabaseMissingException(string name, Exception inner)
    : Exception($"Database '{name}' does not exist, or this login may not open it.", inner);

/// <summary>
/// Makes a SQL Server database ready for the migrations (issue 22). It connects to the target
/// database first, since contained users, Azure SQL Database users and logins denied master can
/// reach only that; it goes to master only to create a database that is missing. Then it refuses,
/// with what to do, a database whose compatibility level is below 130, where OPENJSON (which the
/// app's writes use) does not exist, and turns READ_COMMITTED_SNAPSHOT on where it is off.
/// </summary>
public static class SqlServerDatabase
{
    /// <summary>SQL Server 2016's level: the first with OPENJSON.</summary>
    public const int MinimumCompatibilityLevel = 130;

    // The name is a parameter, quoted by the server itself, never spliced in by us. EXEC takes
    // only variables and literals, so the statement is built in a variable first.
    public const string CreateIfMissingSql = """
        IF DB_ID(@Name) IS NULL
        BEGIN
            DECLARE @Create nvarchar(300) = N'CREATE DATABASE ' + QUOTENAME(@Name);
            EXEC (@Create);
        END
        """;

    public const string CompatibilityLevelSql = "SELECT compatibility_level FROM sys.databases WHERE name = DB_NAME()";

    // master, tempdb, model and msdb (ids 1 to 4) cannot take row versioning: read as already on.
    public const string ReadCommittedSnapshotSql = """
        SELECT CASE WHEN DB_ID() <= 4 THEN 1 ELSE CAST(is_read_committed_snapshot_on AS int) END
        FROM sys.databases WHERE name = DB_NAME()
        """;

    // Readers of status and escalations then see the last committed rows instead of waiting behind an
    // evaluation or a 1,000-row batch. The marks' compare-and-set (by generation) stays correct under
    // it: a clear only removes the generation it read. Switching needs the database to itself, so
    // other sessions are rolled back: the runner runs before the api and workers start.
    public const string ReadCommittedSnapshotOnSql = "ALTER DATABASE CURRENT SET READ_COMMITTED_SNAPSHOT ON WITH ROLLBACK IMMEDIATE";

    public static void EnsureReady(string connectionString)
    {
        RefuseEntraAuthentication(connectionString);
        EnsureReady(connectionString, Connect);
    }

    /// <summary>
    /// Microsoft.Data.SqlClient 7 moved the "Active Directory …" authentication modes into the
    /// Microsoft.Data.SqlClient.Extensions.Azure package, which this build does not carry (the package
    /// source here does not serve it). Without it they fail on the first query, deep in a request; this
    /// says so at start, with what to use instead.
    /// </summary>
    public static void RefuseEntraAuthentication(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        if (builder.Authentication is not (SqlAuthenticationMethod.NotSpecified
            or SqlAuthenticationMethod.SqlPassword))
        {
            throw new InvalidOperationException(
                $"The connection string asks for Authentication={builder.Authentication}, which needs the " +
                "Microsoft.Data.SqlClient.Extensions.Azure package; this build does not include it. Use a SQL login " +
                "(User ID and Password) instead; the README's 'Run on SQL Server' says how.");
        }
    }

    /// <param name="connect">Opens a session on the connection string it is given; throws <see cref="DatabaseMissingException"/> for a missing database.</param>
    public static void EnsureReady(string connectionString, Func<string, ISqlServerSession> connect)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        var name = builder.InitialCatalog;
        ISqlServerSession session;
        try
        {
            session = connect(connectionString);
        }
        catch (DatabaseMissingException) when (!string.IsNullOrWhiteSpace(name))
        {
            var master = new SqlConnectionStringBuilder(connectionString) { InitialCatalog = "master" }.ConnectionString;
            using (var server = connect(master))
            {
                server.Scalar(CreateIfMissingSql, name);
            }

            session = connect(connectionString);
        }

        using (session)
        {
            var level = Convert.ToInt32(session.Scalar(CompatibilityLevelSql), System.Globalization.CultureInfo.InvariantCulture);
            if (level < MinimumCompatibilityLevel)
            {
                throw new InvalidOperationException(
                    $"Database '{name}' has compatibility level {level}; ContractMonitor needs {MinimumCompatibilityLevel} (SQL Server 2016) " +
                    $"or higher, because its writes use OPENJSON. Raise it with: ALTER DATABASE [{name}] SET COMPATIBILITY_LEVEL = {MinimumCompatibilityLevel};");
            }

            if (Convert.ToInt32(session.Scalar(ReadCommittedSnapshotSql), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                try
                {
                    session.Scalar(ReadCommittedSnapshotOnSql);
                }
                catch (SqlException ex)
                {
                    // A login without ALTER on the database (db_ddladmin, say) migrates all the same;
                    // a DBA can switch it on later. Readers then wait behind writers, which is slower, not wrong.
                    Console.Error.WriteLine(
                        $"warning: READ_COMMITTED_SNAPSHOT is off and could not be switched on ({ex.Message}). Ask a DBA to run: {ReadCommittedSnapshotOnSql}");
                }
            }
        }
    }

    private static SqlSession Connect(string connectionString)
    {
        // Unpooled: a pool remembers a failed open (the missing database) for a few seconds and would
        // throw it again at the reconnect just after the database is created.
        var connection = new SqlConnection(new SqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            connection.Open();
            return new SqlSession(connection);
        }
        catch (SqlException ex) when (ex.Number == 4060)
        {
            connection.Dispose();
            throw new DatabaseMissingException(new SqlConnectionStringBuilder(connectionString).InitialCatalog, ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private sealed class SqlSession(SqlConnection connection) : ISqlServerSession
    {
        public object? Scalar(string sql, string? name = null)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (name is not null)
            {
                command.Parameters.AddWithValue("@Name", name);
            }

            return command.ExecuteScalar();
        }

        public void Dispose() => connection.Dispose();
    }
}
