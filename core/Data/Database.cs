using System.Data.Common;
using ContractMonitor.Migrations;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Core.Data;

/// <summary>The one data source of the process and the dialect of the engine behind it.</summary>
internal sealed class Database : IAsyncDisposable, IDisposable
{
    /// <param name="decorate">Wraps the engine's data source, to trace or count the statements sent through it.</param>
    public Database(DatabaseProvider provider, string connectionString, Func<DbDataSource, DbDataSource>? decorate = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        DapperTypeHandlers.Register();
        Provider = provider;
        ConnectionString = provider == DatabaseProvider.Sqlite ? WithSqliteDefaults(connectionString) : connectionString;
        Dialect = new SqlDialect(provider);
        var dataSource = provider switch
        {
            DatabaseProvider.Sqlite => SqliteFactory.Instance.CreateDataSource(ConnectionString),
            DatabaseProvider.SqlServer => SqlClientFactory.Instance.CreateDataSource(ConnectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
        DataSource = decorate is null ? dataSource : decorate(dataSource);
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public SqlDialect Dialect { get; }

    public DbDataSource DataSource { get; }

    public ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        DataSource.OpenConnectionAsync(cancellationToken);

    public void Dispose() => DataSource.Dispose();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    // Foreign keys are off by default in SQLite. A busy writer makes others wait for the connection
    // string's Default Timeout (30 s unless it says otherwise) before the api answers 503.
    private static string WithSqliteDefaults(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) { ForeignKeys = true, Pooling = true }.ToString();
}
