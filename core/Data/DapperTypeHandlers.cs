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

        // Dapper binds its built-in types itself unless their default mapping is removed first.
        foreach (var type in new[] { typeof(DateTimeOffset), typeof(Guid), typeof(decimal) })
        {
            SqlMapper.RemoveTypeMap(type);
            SqlMapper.RemoveTypeMap(typeof(Nullable<>).MakeGenericType(type));
        }

        SqlMapper.AddTypeHandler(new DateOnlyHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new DecimalHandler());
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.Value = value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return;
            }

            parameter.DbType = DbType.Date;
            parameter.Value = value.ToDateTime(TimeOnly.MinValue);
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            string text => DateOnly.ParseExact(text.Length > 10 ? text[..10] : text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a date from {value.GetType().Name}."),
        };
    }

    /// <summary>How a timestamp is stored on SQLite: sortable UTC text, so ORDER BY and range filters agree with time order.</summary>
    public static string SqliteText(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            var utc = value.UtcDateTime;
            if (parameter is SqliteParameter)
            {
                parameter.Value = SqliteText(value);
                return;
            }

            parameter.DbType = DbType.DateTime2;
            parameter.Value = utc;
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset offset => offset.ToUniversalTime(),
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            _ => throw new DataException($"Cannot read a timestamp from {value.GetType().Name}."),
        };
    }

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.Value = value.ToString("D");
                return;
            }

            parameter.DbType = DbType.Guid;
            parameter.Value = value;
        }

        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => throw new DataException($"Cannot read a GUID from {value.GetType().Name}."),
        };
    }

    private sealed class DecimalHandler : SqlMapper.TypeHandler<decimal>
    {
        public override void SetValue(IDbDataParameter parameter, decimal value)
        {
            parameter.DbType = DbType.Decimal;
            parameter.Value = value;
        }

        // SQL Server hands back the column's scale (60.000000), SQLite the stored number (60):
        // normalising drops trailing zeros so both engines answer 60.
        public override decimal Parse(object value) => Decimals.WithoutTrailingZeros(value switch
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
