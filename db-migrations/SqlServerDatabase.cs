using Microsoft.Data.SqlClient;

namespace ContractMonitor.Migrations;

/// <summary>A fresh SQL Server (docker-compose) has no application database yet; migrations need one.</summary>
internal static class SqlServerDatabase
{
    // The name is a parameter, quoted by the server itself, never spliced in by us. EXEC takes
    // only variables and literals, so the statement is built in a variable first.
    internal const string CreateIfMissingSql = """
        IF DB_ID(@Name) IS NULL
        BEGIN
            DECLARE @Create nvarchar(300) = N'CREATE DATABASE ' + QUOTENAME(@Name);
            EXEC (@Create);
        END
        """;

    public static void EnsureExists(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        var name = builder.InitialCatalog;
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        builder.InitialCatalog = "master";
        using var connection = new SqlConnection(builder.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = CreateIfMissingSql;
        command.Parameters.AddWithValue("@Name", name);
        command.ExecuteNonQuery();
    }
}
