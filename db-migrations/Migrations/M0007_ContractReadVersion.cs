using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// A number that moves whenever what the stored reads of a contract show changes: new ratings or
/// escalation events, a new measure. Every contract route reads the contract first, so the reads
/// that cost most (the status) can be kept in memory under this number and answered again until it
/// moves, on every replica, without asking the database whether anything changed.
/// </summary>
[Migration(2026_11_29_0007, "Contract read version")]
public sealed class M0007_ContractReadVersion : Migration
{
    public override void Up()
    {
        Alter.Table("Contracts")
            .AddColumn("ReadVersion").AsInt64().NotNullable().WithDefaultValue(0);
    }

    public override void Down()
    {
        Delete.Column("ReadVersion").FromTable("Contracts");
    }
}
