using System.Data.Common;

namespace ContractMonitor.Core.Data;

/// <summary>
/// One statement prepared once in a transaction and run again with new values, row by row. SQLite
/// runs in the process, so a statement per row costs no round trip and is cheaper than having
/// SQLite parse one JSON array of the rows; Dapper would rebuild the parameters for every row,
/// which is where its per-row cost goes. What it saves is measured in docs/benchmarks.md.
/// </summary>
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
