using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>SQL Server's own parser (SQL Server 2022 grammar), used where no server is available.</summary>
public static class TSql
{
    public static TSqlFragment Parse(string sql)
    {
        using var reader = new StringReader(sql);
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(reader, out var errors);
        Assert.True(errors.Count == 0,
            $"T-SQL does not parse:\n{string.Join("\n", errors.Select(e => $"line {e.Line}, column {e.Column}: {e.Message}"))}\n---\n{sql}");
        return fragment;
    }

    /// <summary>Dapper expands <c>IN @Ids</c> into a parenthesised list before the server sees it.</summary>
    public static string AsSentByDapper(string sql) =>
        System.Text.RegularExpressions.Regex.Replace(sql, @"\bIN\s+(@\w+)", "IN ($1)");

    public static IReadOnlyList<TSqlStatement> Statements(TSqlFragment fragment) =>
        ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).ToList();
}
