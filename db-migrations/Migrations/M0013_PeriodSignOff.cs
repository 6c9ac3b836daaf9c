using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Issue 20, sign-off and lock: every step of a contract period's figures (signed off by the trust,
/// accepted or queried by the council, reopened) as an append-only row. The state is the last
/// step's; the unique (contract, period, seq) makes two steps at once a race the loser retries, so
/// no transition is lost or applied twice. A contract may hold escalation emails about a period
/// until the period is accepted.
/// </summary>
[Migration(2026_11_29_0013, "Period sign-off")]
public sealed class M0013_PeriodSignOff : Migration
{
    public override void Up()
    {
        Create.Table("PeriodEvents")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_PeriodEvents").Identity()
            .WithColumn("ContractId").AsInt64().NotNullable()
                .ForeignKey("FK_PeriodEvents_Contracts", "Contracts", "Id")
            .WithColumn("Period").AsString(10).NotNullable()
            .WithColumn("PeriodStart").AsDate().NotNullable()
            .WithColumn("Seq").AsInt32().NotNullable()
            .WithColumn("Action").AsString(16).NotNullable()
            .WithColumn("Note").AsString(1000).Nullable()
            .WithColumn("Actor").AsString(200).NotNullable()
            .WithColumn("ActorOrg").AsString(64).NotNullable()
            .WithColumn("OccurredAt").AsDateTime2().NotNullable();
        Create.UniqueConstraint("UX_PeriodEvents_Contract_Period_Seq")
            .OnTable("PeriodEvents").Columns("ContractId", "Period", "Seq");

        Alter.Table("Contracts").AddColumn("RequireAcceptance").AsBoolean().NotNullable().WithDefaultValue(false);
    }

    public override void Down()
    {
        Delete.Table("PeriodEvents");
        Delete.Column("RequireAcceptance").FromTable("Contracts");
    }
}
