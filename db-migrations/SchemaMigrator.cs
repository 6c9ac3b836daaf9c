using FluentMigrator.Runner;
using FluentMigrator.Runner.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ContractMonitor.Migrations;

/// <summary>Applies this assembly's migrations to either engine, or scripts them without a server.</summary>
public static class SchemaMigrator
{
    public static void MigrateUp(DatabaseProvider provider, string connectionString, ILoggerFactory? loggerFactory = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (provider == DatabaseProvider.SqlServer)
        {
            SqlServerDatabase.EnsureReady(connectionString);
        }

        using var services = Build(provider, connectionString, loggerFactory, script: null);
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
    }

    /// <summary>
    /// The DDL every migration would run, produced by FluentMigrator's connectionless processor
    /// (no connection string means no server is contacted), one statement per batch.
    /// </summary>
    public static string Script(DatabaseProvider provider)
    {
        using var output = new StringWriter();
        using (var services = Build(provider, connectionString: null, loggerFactory: null, script: output))
        using (var scope = services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<IMigrationRunner>().MigrateUp();
        }

        return output.ToString();
    }

    private static ServiceProvider Build(
        DatabaseProvider provider, string? connectionString, ILoggerFactory? loggerFactory, TextWriter? script)
    {
        var services = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(runner =>
            {
                _ = provider switch
                {
                    DatabaseProvider.SqlServer => runner.AddSqlServer2016(),
                    DatabaseProvider.Sqlite => runner.AddSQLite(),
                    _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
                };
                runner.WithGlobalConnectionString(connectionString ?? string.Empty)
                    .ScanIn(typeof(SchemaMigrator).Assembly).For.All(); // migrations and maintenance steps (M0017)
            });

        if (script is not null)
        {
            services.AddSingleton<ILoggerProvider>(
                new SqlScriptFluentMigratorLoggerProvider(script, new SqlScriptFluentMigratorLoggerOptions { ShowSql = true }));
        }
        else if (loggerFactory is not null)
        {
            services.AddSingleton(loggerFactory);
        }

        return services.BuildServiceProvider(validateScopes: false);
    }
}
