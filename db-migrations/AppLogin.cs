using Microsoft.Data.SqlClient;

namespace ContractMonitor.Migrations;

/// <summary>
/// The login the api and workers use on SQL Server (issue 21): it reads and writes, and
/// cannot change the schema. Only the migrations runner connects as an administrator. Created, or
/// its password set again, after every migration run, so rotating the password is a re-run.
/// </summary>
public static class AppLogin
{
    /// <summary>Environment variables the runner reads: the login's name and its password.</summary>
    public const string NameVariable = "AppLogin__Name";

    public const string PasswordVariable = "AppLogin__Password";

    // Names and passwords cannot be parameters of CREATE LOGIN: they are quoted with QUOTENAME into
    // dynamic SQL (a name of at most 128 characters, so QUOTENAME never returns null for it).
    private const string ProvisionSql = """
        DECLARE @Name sysname = @Login;
        DECLARE @Quoted nvarchar(260) = QUOTENAME(@Name);
        DECLARE @Secret nvarchar(max) = REPLACE(@Password, N'''', N'''''');
        DECLARE @Statement nvarchar(max);
        IF NOT EXISTS (SELECT 1 FROM sys.server_principals WHERE name = @Name)
            SET @Statement = N'CREATE LOGIN ' + @Quoted + N' WITH PASSWORD = N''' + @Secret + N''', CHECK_POLICY = ON';
        ELSE
            SET @Statement = N'ALTER LOGIN ' + @Quoted + N' WITH PASSWORD = N''' + @Secret + N'''';
        EXEC sys.sp_executesql @Statement;
        IF NOT EXISTS (SELECT 1 FROM sys.database_principals WHERE name = @Name)
            SET @Statement = N'CREATE USER ' + @Quoted + N' FOR LOGIN ' + @Quoted;
        ELSE
            -- A user left from a restore (orphaned) is joined to the login again.
            SET @Statement = N'ALTER USER ' + @Quoted + N' WITH LOGIN = ' + @Quoted;
        EXEC sys.sp_executesql @Statement;
        -- Reads and writes; no DDL and no EXECUTE (the app calls no procedure of its own; sp_getapplock
        -- is public). The audit and the migration history are append-only to it.
        SET @Statement = N'ALTER ROLE db_datareader ADD MEMBER ' + @Quoted + N'; ALTER ROLE db_datawriter ADD MEMBER ' + @Quoted
            + N'; DENY UPDATE, DELETE ON dbo.AuditLog TO ' + @Quoted + N'; DENY INSERT, UPDATE, DELETE ON dbo.VersionInfo TO ' + @Quoted;
        EXEC sys.sp_executesql @Statement;
        """;

    /// <returns>Whether a login was asked for (both variables set) and provisioned.</returns>
    public static bool Provision(string connectionString, string? name, string? password)
    {
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrEmpty(password))
        {
            return false;
        }

        if (name.Length > 128)
        {
            throw new InvalidOperationException($"{NameVariable} must be at most 128 characters.");
        }

        using var connection = new SqlConnection(connectionString);
        connection.Open();
        using var command = new SqlCommand(ProvisionSql, connection);
        command.Parameters.Add(new SqlParameter("@Login", System.Data.SqlDbType.NVarChar, 128) { Value = name });
        command.Parameters.Add(new SqlParameter("@Password", System.Data.SqlDbType.NVarChar, -1) { Value = password });
        command.ExecuteNonQuery();
        return true;
    }
}
