using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using ContractMonitor.Core.Data;
using ContractMonitor.Migrations;
using Dapper;
using Microsoft.Data.SqlClient;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>
/// Issue 22, item 10: every decimal goes to SQL Server as the columns' decimal(19,6), and a null
/// date, timestamp or decimal keeps its type, so one statement caches one plan. Dapper fills a real
/// <see cref="SqlCommand"/>'s parameters here; nothing is sent, so no server is needed.
/// </summary>
public sealed class ParameterTypeTests
{
    public ParameterTypeTests()
    {
        // The handlers are registered when the first database is made, as in the app.
        using var _ = new Database(DatabaseProvider.SqlServer, "Server=offline;Database=none");
    }

    [Theory]
    [InlineData("61.5")]
    [InlineData("0.123456")]
    [InlineData("-999999999999")]
    public async Task EveryDecimalIsSentAsTheColumnsPrecisionAndScale(string value)
    {
        var parameter = await SentAsync(new { Value = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal((SqlDbType.Decimal, (byte)19, (byte)6), (parameter.SqlDbType, parameter.Precision, parameter.Scale));
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), parameter.Value);
    }

    [Fact]
    public async Task ANullDecimalKeepsItsType()
    {
        var parameter = await SentAsync(new { Value = (decimal?)null });

        Assert.Equal((SqlDbType.Decimal, (byte)19, (byte)6), (parameter.SqlDbType, parameter.Precision, parameter.Scale));
        Assert.Equal(DBNull.Value, parameter.Value);
    }

    [Fact]
    public async Task ANullDateKeepsItsType()
    {
        var parameter = await SentAsync(new { Value = (DateOnly?)null });

        Assert.Equal(SqlDbType.Date, parameter.SqlDbType);
        Assert.Equal(DBNull.Value, parameter.Value);
    }

    [Fact]
    public async Task ANullTimestampKeepsItsType()
    {
        var parameter = await SentAsync(new { Value = (DateTimeOffset?)null });

        Assert.Equal(SqlDbType.DateTime2, parameter.SqlDbType);
        Assert.Equal(DBNull.Value, parameter.Value);
    }

    [Fact]
    public async Task ATimestampIsSentAsUtcDateTime2()
    {
        var parameter = await SentAsync(new { Value = (DateTimeOffset?)new DateTimeOffset(2026, 7, 1, 9, 30, 0, TimeSpan.FromHours(1)) });

        Assert.Equal(SqlDbType.DateTime2, parameter.SqlDbType);
        Assert.Equal(new DateTime(2026, 7, 1, 8, 30, 0, DateTimeKind.Utc), parameter.Value);
    }

    [Fact]
    public async Task ADateIsSentAsDate()
    {
        var parameter = await SentAsync(new { Value = new DateOnly(2026, 4, 1) });

        Assert.Equal(SqlDbType.Date, parameter.SqlDbType);
        Assert.Equal(new DateTime(2026, 4, 1), parameter.Value);
    }

    private static async Task<SqlParameter> SentAsync(object arguments)
    {
        var connection = new OfflineConnection();
        await connection.ExecuteAsync("UPDATE T SET V = @Value", arguments);
        return Assert.Single(connection.Sent!.Parameters.Cast<SqlParameter>());
    }

    /// <summary>A connection that hands Dapper real SqlClient commands and keeps the last one rather than sending it.</summary>
    private sealed class OfflineConnection : DbConnection
    {
        public SqlCommand? Sent { get; private set; }

        [AllowNull]
        public override string ConnectionString { get; set; } = "";

        public override string Database => "none";

        public override string DataSource => "offline";

        public override string ServerVersion => "16.0";

        public override ConnectionState State => ConnectionState.Open;

        public override void ChangeDatabase(string databaseName)
        {
        }

        public override void Close()
        {
        }

        public override void Open()
        {
        }

        protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException();

        protected override DbCommand CreateDbCommand() => new OfflineCommand(this);

        private sealed class OfflineCommand(OfflineConnection owner) : DbCommand
        {
            private readonly SqlCommand inner = new();

            [AllowNull]
            public override string CommandText { get => inner.CommandText; set => inner.CommandText = value; }

            public override int CommandTimeout { get; set; }

            public override CommandType CommandType { get; set; }

            public override bool DesignTimeVisible { get; set; }

            public override UpdateRowSource UpdatedRowSource { get; set; }

            protected override DbConnection? DbConnection { get; set; }

            protected override DbParameterCollection DbParameterCollection => inner.Parameters;

            protected override DbTransaction? DbTransaction { get; set; }

            public override void Cancel()
            {
            }

            public override int ExecuteNonQuery()
            {
                owner.Sent = inner;
                return 0;
            }

            public override object? ExecuteScalar() => throw new NotSupportedException();

            public override void Prepare()
            {
            }

            protected override DbParameter CreateDbParameter() => inner.CreateParameter();

            protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new NotSupportedException();
        }
    }
}
