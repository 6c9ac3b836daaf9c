using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// The engine's data source, counting every command the app creates on its connections: Dapper
/// creates one per statement it sends, so this is the number of statements a request costs.
/// Commands made through <c>transaction.Connection</c> reach the engine's own connection and are
/// not counted; reads do not use transactions.
/// </summary>
public sealed class CountingDataSource(DbDataSource inner) : DbDataSource
{
    private int commands;

    public int Commands => Volatile.Read(ref commands);

    public void Reset() => Interlocked.Exchange(ref commands, 0);

    public override string ConnectionString => inner.ConnectionString;

    protected override DbConnection CreateDbConnection() => new CountingConnection(inner.CreateConnection(), this);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Count() => Interlocked.Increment(ref commands);

    private sealed class CountingConnection(DbConnection connection, CountingDataSource owner) : DbConnection
    {
        [AllowNull]
        public override string ConnectionString
        {
            get => connection.ConnectionString;
            set => connection.ConnectionString = value;
        }

        public override string Database => connection.Database;

        public override string DataSource => connection.DataSource;

        public override string ServerVersion => connection.ServerVersion;

        public override ConnectionState State => connection.State;

        public override void ChangeDatabase(string databaseName) => connection.ChangeDatabase(databaseName);

        public override void Close() => connection.Close();

        public override void Open() => connection.Open();

        public override Task OpenAsync(CancellationToken cancellationToken) => connection.OpenAsync(cancellationToken);

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => connection.BeginTransaction(isolationLevel);

        protected override async ValueTask<DbTransaction> BeginDbTransactionAsync(IsolationLevel isolationLevel, CancellationToken cancellationToken) =>
            await connection.BeginTransactionAsync(isolationLevel, cancellationToken);

        protected override DbCommand CreateDbCommand()
        {
            owner.Count();
            return connection.CreateCommand();
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                connection.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
