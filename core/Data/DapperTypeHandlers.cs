using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Core.Data;

/// <summary>
/// SQLite has no date, offset, decimal or uniqueidentifier storage classes; these handlers give
/// both engines one representation on the way in and the same .NET values on the way out.
/// Timestamps are stored as UTC without offset (see the migrations) and dates as ISO text on SQLite.
/// </summary>
internal static class DapperTypeHandlers
{
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        // Dapper binds its built-in types itself unless their default mapping is removed first
        // (DateOnly among them since Dapper re-enabled its own DateOnly support, after 2.1.79: #2228).
        foreach (var type in new[] { typeof(DateOnly), typeof(DateTimeOffset), typeof(Guid), typeof(decimal) })
        {
            SqlMapper.RemoveTypeMap(type);
            SqlMapper.RemoveTypeMap(typeof(Nullable<>).MakeGenericType(type));
        }

        SqlMapper.AddTypeHandler(typeof(DateOnly), new DateOnlyHandler());
        SqlMapper.AddTypeHandler(typeof(DateTimeOffset), new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(typeof(Guid), new GuidHandler());
        SqlMapper.AddTypeHandler(typeof(decimal), new DecimalHandler());
    }

    /// <summary>
    /// The precision and scale of every decimal column (see the migrations). SQL Server is sent
    /// every decimal parameter with them, so 61.5 and 0.1234567 share one cached plan rather than
    /// one per decimal(3,1) and decimal(7,7) that SqlClient would size from each value (issue 22, item 10).
    /// </summary>
    public const byte DecimalPrecision = 19;

    public const byte DecimalScale = 6;

    /// <summary>How a timestamp is stored on SQLite: sortable UTC text, so ORDER BY and range filters agree with time order.</summary>
    public static string SqliteText(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    /// <summary>
    /// A handler that types its parameter for SQL Server whether or not it holds a value. Dapper's
    /// <c>TypeHandler&lt;T&gt;</c> sets a null without asking the handler, and SqlClient sends an
    /// untyped null as nvarchar, which converts on the server and caches another plan.
    /// </summary>
    private abstract class Handler<T> : SqlMapper.ITypeHandler
        where T : struct
    {
        public void SetValue(IDbDataParameter parameter, object? value)
        {
            var isNull = value is null or DBNull;
            if (parameter is SqliteParameter)
            {
                parameter.Value = isNull ? DBNull.Value : ToSqlite((T)value!);
                return;
            }

            Describe(parameter);
            parameter.Value = isNull ? DBNull.Value : ToSqlServer((T)value!);
        }

        public object? Parse(Type destinationType, object value) => value is DBNull ? null : Parse(value);

        /// <summary>The parameter's type (and size) on SQL Server.</summary>
        protected abstract void Describe(IDbDataParameter parameter);

        protected abstract object ToSqlServer(T value);

        protected abstract object ToSqlite(T value);

        protected abstract T Parse(object value);
    }

    private sealed class DateOnlyHandler : Handler<DateOnly>
    {
        protected override void Describe(IDbDataParameter parameter) => parameter.DbType = DbType.Date;

        protected override object ToSqlServer(DateOnly value) => value.ToDateTime(TimeOnly.MinValue);

        protected override object ToSqlite(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        protected override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            string text => DateOnly.ParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a date from {value.GetType().Name}."),
        };
    }

    private sealed class DateTimeOffsetHandler : Handler<DateTimeOffset>
    {
        protected override void Describe(IDbDataParameter parameter) => parameter.DbType = DbType.DateTime2;

        protected override object ToSqlServer(DateTimeOffset value) => value.UtcDateTime;

        protected override object ToSqlite(DateTimeOffset value) => SqliteText(value);

        protected override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset offset => offset.ToUniversalTime(),
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read a timestamp from {value.GetType().Name}."),
        };
    }

    private sealed class GuidHandler : Handler<Guid>
    {
        protected override void Describe(IDbDataParameter parameter) => parameter.DbType = DbType.Guid;

        protected override object ToSqlServer(Guid value) => value;

        protected override object ToSqlite(Guid value) => value.ToString("D");

        protected override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => throw new DataException($"Cannot read a GUID from {value.GetType().Name}."),
        };
    }

    private sealed class DecimalHandler : Handler<decimal>
    {
        protected override void Describe(IDbDataParameter parameter)
        {
            parameter.DbType = DbType.Decimal;
            parameter.Precision = DecimalPrecision;
            parameter.Scale = DecimalScale;
        }

        protected override object ToSqlServer(decimal value) => value;

        protected override object ToSqlite(decimal value) => value;

        // SQL Server hands back the column's scale (60.000000), SQLite the stored number (60):
        // normalising drops trailing zeros so both engines answer 60.
        protected override decimal Parse(object value) => Decimals.WithoutTrailingZeros(value switch
        {
            decimal number => number,
            double number => (decimal)number,
            long number => number,
            int number => number,
            string text => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a decimal from {value.GetType().Name}."),
        });
    }
}
