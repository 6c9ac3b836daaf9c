using System.Reflection;
using ContractMonitor.Core.Data;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>
/// Every SQL statement the app can execute, found by reflection: the house style keeps each one in a
/// <c>…Sql</c> constant, static string or <see cref="DialectSql"/> field beside the method that runs it, so a new
/// query is picked up here without anyone listing it.
/// </summary>
public static class AppStatements
{
    public sealed record Statement(string Name, string SqlServer, string Sqlite)
    {
        public override string ToString() => Name;
    }

    public static IReadOnlyList<Statement> All { get; } = Find();

    private static List<Statement> Find()
    {
        const BindingFlags flags = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var statements = new List<Statement>();
        var assemblies = new[] { typeof(Database).Assembly, typeof(ContractMonitor.Migrations.SchemaMigrator).Assembly };
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            foreach (var field in type.GetFields(flags).Where(f => f.Name.EndsWith("Sql", StringComparison.Ordinal)))
            {
                var name = $"{type.Name}.{field.Name}";
                if (field.IsLiteral && field.FieldType == typeof(string))
                {
                    var text = (string)field.GetRawConstantValue()!;
                    statements.Add(new Statement(name, text, text));
                }
                else if (field.IsInitOnly && field.FieldType == typeof(string) && field.GetValue(null) is string composed)
                {
                    // Composed once at start from constants (a shared condition spliced in).
                    statements.Add(new Statement(name, composed, composed));
                }
                else if (field.FieldType == typeof(DialectSql) && field.GetValue(null) is DialectSql dialect)
                {
                    statements.Add(new Statement(name, dialect.SqlServer, dialect.Sqlite));
                }
            }
        }

        return statements;
    }
}
