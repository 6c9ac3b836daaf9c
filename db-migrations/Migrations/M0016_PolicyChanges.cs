using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Issue 20, policy and ladder changes: the annual review changes returnDueDays, smallCohort, the
/// escalation thresholds and the ladder's names and addresses, effective from a period. Each change
/// is a whole version of those rules, in force from FromDate until the next version's FromDate; the
/// contract's own columns and EscalationLevels stay the version in force from its start. A later
/// change from the same date supersedes an earlier one (the latest RecordedAt wins), and none is
/// ever updated, so what was in force as known at any moment can be read back.
/// </summary>
[Migration(2026_12_05_0016, "Policy and ladder changes from a period")]
public sealed class M0016_PolicyChanges : Migration
{
    public override void Up()
    {
        Create.Table("PolicyChanges")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_PolicyChanges").Identity()
            .WithColumn("ContractId").AsInt64().NotNullable()
                .ForeignKey("FK_PolicyChanges_Contracts", "Contracts", "Id")
            .WithColumn("FromPeriod").AsString(10).NotNullable()
            .WithColumn("FromDate").AsDate().NotNullable()
            .WithColumn("ReturnDueDays").AsInt32().NotNullable()
            .WithColumn("SmallCohort").AsInt32().NotNullable()
            .WithColumn("RaiseAfter").AsInt32().NotNullable()
            .WithColumn("ResolveAfter").AsInt32().NotNullable()
            .WithColumn("DeclineRunLength").AsInt32().NotNullable()
            .WithColumn("Reason").AsString(1000).NotNullable()
            .WithColumn("RecordedBy").AsString(200).NotNullable()
            .WithColumn("RecordedAt").AsDateTime2().NotNullable();
        Create.Index("IX_PolicyChanges_Contract").OnTable("PolicyChanges")
            .OnColumn("ContractId").Ascending()
            .OnColumn("FromDate").Ascending();

        Create.Table("PolicyChangeLevels")
            .WithColumn("PolicyChangeId").AsInt64().NotNullable().PrimaryKey("PK_PolicyChangeLevels")
                .ForeignKey("FK_PolicyChangeLevels_PolicyChanges", "PolicyChanges", "Id")
            .WithColumn("Level").AsInt32().NotNullable().PrimaryKey("PK_PolicyChangeLevels")
            .WithColumn("Name").AsString(200).NotNullable()
            .WithColumn("Email").AsString(254).Nullable();
    }

    public override void Down()
    {
        Delete.Table("PolicyChangeLevels");
        Delete.Table("PolicyChanges");
    }
}
