using System.Data.Common;

namespace ContractMonitor.Core.Data;

/// <summary>
/// Many rows into SQLite through one prepared statement, executed once per row with only its
/// parameter values replaced. SQLite runs in the process, so a statement per row costs no round
/// trip and is cheaper than having SQLite parse one JSON array of the rows; Dapper would rebuild the
/// parameters for every row, which is where its per-row cost goes. Used for the new ratings of an
/// evaluation: the full-evaluation benchmark went from 17.1 s to 10.8 s (docs/benchmarks.md).
/// </summary>
internal static class SqlitePreparedRows
{
    /// <param name="values">A row's values in the order of <paramref name="names"/>; null is stored as NULL.</param>
    /// <returns>The rows written.</returns>
    public static int Insert<T>(
        DbTransaction transaction, string sql, IReadOnlyList<string> names, IEnumerable<T> rows, Func<T, object?[]> values)
    {
        using var statement = new SqlitePreparedStatement(transaction, sql, names);
        return rows.Sum(row => statement.Execute(values(row)));
    }
}

/// <summary>One statement prepared once in a transaction and run again with new values, row by row.</summary>
internal sealed class SqlitePreparedStatement : IDisposable
{
    private readonly DbCommand command;
    private readonly DbParameter[] parameters;

    public SqlitePreparedStatement(DbTransaction transaction, string sql, IReadOnlyList<string> names)
    {
        command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        parameters = names.Select(name =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        command.Prepare();
    }

    /// <returns>The rows the statement changed.</returns>
    public int Execute(object?[] values)
    {
        Bind(values);
        return command.ExecuteNonQuery();
    }

    /// <returns>The first column of the first row the statement returns.</returns>
    public object? Scalar(object?[] values)
    {
        Bind(values);
        return command.ExecuteScalar();
    }

    public void Dispose() => command.Dispose();

    private void Bind(object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
