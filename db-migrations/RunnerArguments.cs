namespace ContractMonitor.Migrations;

internal sealed record RunnerArguments(DatabaseProvider Provider, string? Connection, bool ScriptOnly)
{
    public const string Usage = """
        usage: dotnet run --project db-migrations -- --provider SqlServer|Sqlite --connection "<connection string>"
               dotnet run --project db-migrations -- --provider SqlServer|Sqlite --script
        Environment variables Database__Provider and ConnectionStrings__ContractMonitor are read when the flags are absent.
        """;

    public static RunnerArguments? Parse(IReadOnlyList<string> args)
    {
        string? provider = Environment.GetEnvironmentVariable("Database__Provider");
        string? connection = Environment.GetEnvironmentVariable("ConnectionStrings__ContractMonitor");
        var scriptOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--provider" when i + 1 < args.Count:
                    provider = args[++i];
                    break;
                case "--connection" when i + 1 < args.Count:
                    connection = args[++i];
                    break;
                case "--script":
                    scriptOnly = true;
                    break;
                default:
                    return null;
            }
        }

        if (!Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return null;
        }

        return scriptOnly || !string.IsNullOrWhiteSpace(connection)
            ? new RunnerArguments(parsed, connection, scriptOnly)
            : null;
    }
}
