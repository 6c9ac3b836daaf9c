using ContractMonitor.Migrations;

// dotnet run --project db-migrations -- --provider SqlServer|Sqlite --connection "…" [--script]
var options = RunnerArguments.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(RunnerArguments.Usage);
    return 2;
}

if (options.ScriptOnly)
{
    Console.Out.Write(SchemaMigrator.Script(options.Provider));
    return 0;
}

try
{
    SchemaMigrator.MigrateUp(options.Provider, options.Connection!);
    Console.Out.WriteLine($"Migrated {options.Provider} database to the latest version.");
    if (options.Provider == DatabaseProvider.SqlServer && AppLogin.Provision(options.Connection!,
            Environment.GetEnvironmentVariable(AppLogin.NameVariable), Environment.GetEnvironmentVariable(AppLogin.PasswordVariable)))
    {
        Console.Out.WriteLine($"The app's login {Environment.GetEnvironmentVariable(AppLogin.NameVariable)} reads and writes; it changes no schema.");
    }

    return 0;
}
catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
{
    Console.Error.WriteLine($"Migration failed: {ex.Message}");
    return 1;
}
