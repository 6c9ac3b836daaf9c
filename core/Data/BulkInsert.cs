using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Dapper;

namespace ContractMonitor.Core.Data;

/// <summary>
/// Many rows into one table in one call, each engine its fastest way. SQL Server gets one statement
/// with the rows as a JSON array of arrays (a statement is a network round trip); SQLite, in the
/// process, one prepared statement run per row (SqlitePreparedStatement says why). The caller writes
/// both texts side by side in a <see cref="DialectSql"/>:
/// <list type="bullet">
/// <item>SQL Server reads <c>OPENJSON(@Rows)</c>, where <c>'$[0]'</c> is the row's position and
/// <c>'$[1]'</c>… its values in order; a statement that returns ids outputs <c>(Seq, Id)</c>, Seq being
/// that position, because OUTPUT does not keep the rows' order;</item>
/// <item>SQLite binds <see cref="BulkRows.Parameters"/> in order, then returns <c>Id</c> if the
/// statement does.</item>
/// </list>
/// Both may use <c>@At</c>, the time of the write. Nothing else outside <see cref="SqlDialect"/> asks which engine is in use.
/// </summary>
/// <param name="Parameters">The SQLite statement's parameters, in the order of a row's values.</param>
internal sealed record BulkRows(DialectSql Sql, IReadOnlyList<string> Parameters);

internal static class BulkInsert
{
    /// <returns>The rows written.</returns>
    public static async Task<int> InsertAsync<T>(
        DbTransaction transaction, SqlDialect dialect, BulkRows insert, IReadOnlyList<T> rows, Func<T, object?[]> values,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        if (dialect.Provider == Migrations.DatabaseProvider.Sqlite)
        {
            using var statement = Prepare(transaction, dialect, insert);
            return rows.Sum(row => statement.Execute([.. values(row), DapperTypeHandlers.SqliteText(at)]));
        }

        return await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            dialect[insert.Sql], new { Rows = Json(rows, values), At = at }, transaction, cancellationToken: cancellationToken));
    }

    /// <returns>The new rows' ids, in the order of <paramref name="rows"/>.</returns>
    public static async Task<IReadOnlyList<long>> InsertReturningIdsAsync<T>(
        DbTransaction transaction, SqlDialect dialect, BulkRows insert, IReadOnlyList<T> rows, Func<T, object?[]> values,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        if (dialect.Provider == Migrations.DatabaseProvider.Sqlite)
        {
            using var statement = Prepare(transaction, dialect, insert);
            var now = DapperTypeHandlers.SqliteText(at);
            return rows.Select(row => Convert.ToInt64(statement.Scalar([.. values(row), now]), CultureInfo.InvariantCulture)).ToList();
        }

        var ids = await transaction.Connection!.QueryAsync<(int Seq, long Id)>(new CommandDefinition(
            dialect[insert.Sql], new { Rows = Json(rows, values), At = at }, transaction, cancellationToken: cancellationToken));
        return ids.OrderBy(i => i.Seq).Select(i => i.Id).ToList();
    }

    private static SqlitePreparedStatement Prepare(DbTransaction transaction, SqlDialect dialect, BulkRows insert) =>
        new(transaction, dialect[insert.Sql], [.. insert.Parameters, "@At"]);

    private static string Json<T>(IReadOnlyList<T> rows, Func<T, object?[]> values) =>
        JsonSerializer.Serialize(rows.Select((row, i) => (object?[])[i, .. values(row).Select(JsonValue)]));

    // OPENJSON reads dates from ISO text and bits from true and false.
    private static object? JsonValue(object? value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value,
    };
}
