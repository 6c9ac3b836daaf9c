using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Claims;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Core.Organisations;
using ContractMonitor.Core.Panel;
using ContractMonitor.Core.Idempotency;
using ContractMonitor.Core.Returns;
using ContractMonitor.Core.SplitScreen;
using ContractMonitor.Core.Targets;
using ContractMonitor.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContractMonitor.Core;

internal static class CoreServices
{
    public const string ConnectionStringName = "ContractMonitor";

    /// <summary>
    /// The database chosen by <c>Database:Provider</c> (default Sqlite) and
    /// <c>ConnectionStrings:ContractMonitor</c> (default a file beside the content root), the clock and the stores.
    /// </summary>
    public static IServiceCollection AddContractMonitorCore(this IServiceCollection services)
    {
        // Read when first resolved, not when registered, so hosts and test factories can still
        // add configuration after the services are declared.
        services.AddSingleton(sp => CreateDatabase(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AuditLog>();
        services.AddSingleton<OrganisationStore>();
        services.AddSingleton<ContractStore>();
        services.AddSingleton<PanelStore>();
        services.AddSingleton<MeasureStore>();
        services.AddSingleton<MeasureLifeStore>();
        services.AddSingleton<SignOff.PeriodSignOffStore>();
        services.AddSingleton<Exceptions.ExceptionStore>();
        services.AddSingleton<Contracts.ContractTermStore>();
        services.AddSingleton<Contracts.PolicyChangeStore>();
        services.AddSingleton<Notifications.NotificationRequeue>();
        services.AddSingleton<TargetStore>();
        services.AddSingleton<ReturnStore>();
        services.AddSingleton<IdempotencyKeys>();
        services.AddSingleton<ContractEvaluator>();
        services.AddSingleton<PastDueMarker>();
        services.AddSingleton<EvaluationRequests>();
        services.AddSingleton<Spc.SpcRecalculationStore>();
        services.AddSingleton<StatusReader>();
        services.AddSingleton<EscalationStore>();
        services.AddSingleton<ClaimStore>();
        services.AddSingleton<ChallengeStore>();
        services.AddSingleton<SplitScreenReader>();
        services.AddSingleton<Papers.PaperChanges>();
        services.AddSingleton<Papers.PaperBuilder>();
        services.AddSingleton<Papers.PaperStore>();
        services.AddSingleton(sp => EmailSettings.Read(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<MonthlyDigest>();
        services.AddSingleton<OutboxRetention>();
        return services;
    }

    public static Database CreateDatabase(IConfiguration configuration, string contentRoot)
    {
        var provider = ReadProvider(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(contentRoot, "contractmonitor.db") }.ToString()
                : throw new InvalidOperationException(
                    "ConnectionStrings:ContractMonitor is required when Database:Provider is SqlServer.");
        }

        if (provider == DatabaseProvider.SqlServer)
        {
            RefuseEntraAuthentication(connectionString);
        }

        return new Database(provider, connectionString);
    }

    /// <summary>Refuses an "Active Directory …" login at start (see <see cref="SqlServerDatabase.RefuseEntraAuthentication"/>).</summary>
    public static void RefuseEntraAuthentication(string connectionString) => SqlServerDatabase.RefuseEntraAuthentication(connectionString);

    /// <summary>
    /// The embedded engine migrates itself on start; SQL Server is migrated by the one-shot
    /// db-migrations runner so that several replicas never race to change the schema.
    /// </summary>
    public static void MigrateEmbeddedDatabase(this IServiceProvider services)
    {
        var database = services.GetRequiredService<Database>();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (Path.GetDirectoryName(Path.GetFullPath(builder.DataSource)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        MigrateSqlite(database.ConnectionString, services.GetService<ILoggerFactory>());
    }

    /// <summary>Brings a SQLite file to the latest schema in WAL mode, as the app runs it.</summary>
    public static void MigrateSqlite(string connectionString, ILoggerFactory? loggerFactory = null)
    {
        SchemaMigrator.MigrateUp(DatabaseProvider.Sqlite, connectionString, loggerFactory);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var wal = connection.CreateCommand();
        // Readers stop blocking the writer; the setting is stored in the file.
        wal.CommandText = "PRAGMA journal_mode=WAL";
        wal.ExecuteNonQuery();
    }

    private static DatabaseProvider ReadProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value, ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException($"Database:Provider '{value}' is not known; use Sqlite or SqlServer.");
    }
}
