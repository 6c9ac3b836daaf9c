using FluentMigrator;
using Hangfire.SqlServer;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Issue 21, one schema source: on SQL Server, Hangfire's own tables (schema HangFire) are created
/// by its install script here, by the migrations runner, and the api and workers start with
/// PrepareSchemaIfNecessary off, so no replica changes the schema as it starts. SQLite keeps
/// Hangfire's queue in memory and has nothing to install. The script takes its own lock and
/// manages its own transaction, so it runs outside the runner's. It runs on every migration run (a
/// maintenance step, not a numbered migration): the script installs only the versions missing, so an
/// upgraded Hangfire.SqlServer gets its new schema from the next run of the runner.
/// </summary>
[Maintenance(MigrationStage.AfterAll, TransactionBehavior.None)]
public sealed class M0017_HangfireSchema : Migration
{
    public const string HangfireSchema = "HangFire";

    public override void Up()
    {
        IfDatabase("SqlServer").Execute.Sql(SqlServerObjectsInstaller.GetInstallScript(HangfireSchema, enableHeavyMigrations: true));
    }

    public override void Down()
    {
        // Hangfire's queue is not ours to drop: its jobs may still be running.
    }
}
