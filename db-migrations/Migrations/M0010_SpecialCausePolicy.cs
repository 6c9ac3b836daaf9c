using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Issue 19: whether a contract escalates SPC concern signals (SpecialCauseConcern). Off unless a
/// contract chooses it, so every contract made before behaves as it did.
/// </summary>
[Migration(2026_11_29_0010, "Special-cause escalation policy")]
public sealed class M0010_SpecialCausePolicy : Migration
{
    public override void Up() =>
        Alter.Table("Contracts").AddColumn("SpecialCause").AsBoolean().NotNullable().WithDefaultValue(false);

    public override void Down() => Delete.Column("SpecialCause").FromTable("Contracts");
}
