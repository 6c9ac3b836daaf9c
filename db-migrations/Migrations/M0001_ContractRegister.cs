using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Organisations, contracts with their escalation policy and ladder, panel members, measures,
/// targets versioned by financial year, and the audit log.
/// </summary>
/// <remarks>
/// Timestamps are UTC <c>DATETIME2</c> (SQLite has no offset type; the app only ever writes UTC).
/// Foreign keys are declared on the columns inside <c>Create.Table</c> because SQLite cannot add
/// them to an existing table; the SQL Server generator turns them into constraints all the same.
/// </remarks>
[Migration(2026_11_23_0001, "Contract register")]
public sealed class M0001_ContractRegister : Migration
{
    public override void Up()
    {
        Create.Table("Organisations")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_Organisations").Identity()
            .WithColumn("Code").AsString(64).NotNullable()
            .WithColumn("Name").AsString(200).NotNullable()
            .WithColumn("Kind").AsString(16).NotNullable()
            .WithColumn("CreatedAt").AsDateTime2().NotNullable();
        Create.UniqueConstraint("UX_Organisations_Code").OnTable("Organisations").Column("Code");

        Create.Table("Contracts")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_Contracts").Identity()
            .WithColumn("Reference").AsString(64).NotNullable()
            .WithColumn("Title").AsString(200).NotNullable()
            .WithColumn("CommissionerOrgId").AsInt64().NotNullable()
                .ForeignKey("FK_Contracts_Commissioner", "Organisations", "Id")
            .WithColumn("ProviderOrgId").AsInt64().NotNullable()
                .ForeignKey("FK_Contracts_Provider", "Organisations", "Id")
            .WithColumn("StartDate").AsDate().NotNullable()
            .WithColumn("EndDate").AsDate().Nullable()
            .WithColumn("ReturnDueDays").AsInt32().NotNullable()
            .WithColumn("SmallCohort").AsInt32().NotNullable()
            .WithColumn("RaiseAfter").AsInt32().NotNullable()
            .WithColumn("ResolveAfter").AsInt32().NotNullable()
            .WithColumn("DeclineRunLength").AsInt32().NotNullable()
            .WithColumn("CreatedAt").AsDateTime2().NotNullable();
        Create.UniqueConstraint("UX_Contracts_Commissioner_Reference")
            .OnTable("Contracts").Columns("CommissionerOrgId", "Reference");

        Create.Table("EscalationLevels")
            .WithColumn("ContractId").AsInt64().NotNullable().PrimaryKey("PK_EscalationLevels")
                .ForeignKey("FK_EscalationLevels_Contracts", "Contracts", "Id")
            .WithColumn("Level").AsInt32().NotNullable().PrimaryKey("PK_EscalationLevels")
            .WithColumn("Name").AsString(200).NotNullable();

        Create.Table("PanelMembers")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_PanelMembers").Identity()
            .WithColumn("ContractId").AsInt64().NotNullable()
                .ForeignKey("FK_PanelMembers_Contracts", "Contracts", "Id")
            .WithColumn("Name").AsString(200).NotNullable()
            .WithColumn("Email").AsString(254).NotNullable()
            .WithColumn("Role").AsString(16).NotNullable();
        Create.UniqueConstraint("UX_PanelMembers_Contract_Email")
            .OnTable("PanelMembers").Columns("ContractId", "Email");

        Create.Table("Measures")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_Measures").Identity()
            .WithColumn("ContractId").AsInt64().NotNullable()
                .ForeignKey("FK_Measures_Contracts", "Contracts", "Id")
            .WithColumn("Code").AsString(16).NotNullable()
            .WithColumn("Title").AsString(200).NotNullable()
            .WithColumn("Definition").AsString(4000).NotNullable()
            .WithColumn("Category").AsString(100).NotNullable()
            .WithColumn("Unit").AsString(16).NotNullable()
            .WithColumn("Polarity").AsString(16).NotNullable()
            .WithColumn("Frequency").AsString(16).NotNullable()
            .WithColumn("Decimals").AsInt32().NotNullable()
            .WithColumn("CreatedAt").AsDateTime2().NotNullable();
        Create.UniqueConstraint("UX_Measures_Contract_Code")
            .OnTable("Measures").Columns("ContractId", "Code");

        // A new version per change: an evaluation records the version it used, so a past rating
        // can always be explained even after next year's review.
        Create.Table("MeasureTargets")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_MeasureTargets").Identity()
            .WithColumn("MeasureId").AsInt64().NotNullable()
                .ForeignKey("FK_MeasureTargets_Measures", "Measures", "Id")
            .WithColumn("FinancialYear").AsInt32().NotNullable()
            .WithColumn("Version").AsInt32().NotNullable()
            .WithColumn("Target").AsDecimal(19, 6).NotNullable()
            .WithColumn("Tolerance").AsDecimal(19, 6).NotNullable()
            .WithColumn("Reason").AsString(1000).NotNullable()
            .WithColumn("SetBy").AsString(200).NotNullable()
            .WithColumn("SetAt").AsDateTime2().NotNullable();
        Create.UniqueConstraint("UX_MeasureTargets_Measure_Year_Version")
            .OnTable("MeasureTargets").Columns("MeasureId", "FinancialYear", "Version");

        Create.Table("AuditLog")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_AuditLog").Identity()
            .WithColumn("OccurredAt").AsDateTime2().NotNullable()
            .WithColumn("Actor").AsString(200).NotNullable()
            .WithColumn("ActorOrg").AsString(64).NotNullable()
            .WithColumn("Action").AsString(100).NotNullable()
            .WithColumn("EntityType").AsString(64).NotNullable()
            .WithColumn("EntityId").AsString(100).NotNullable()
            .WithColumn("ContractId").AsInt64().Nullable()
            .WithColumn("Before").AsString(int.MaxValue).Nullable()
            .WithColumn("After").AsString(int.MaxValue).Nullable();
        Create.Index("IX_AuditLog_Contract").OnTable("AuditLog")
            .OnColumn("ContractId").Ascending()
            .OnColumn("Id").Ascending();
    }

    public override void Down()
    {
        Delete.Table("AuditLog");
        Delete.Table("MeasureTargets");
        Delete.Table("Measures");
        Delete.Table("PanelMembers");
        Delete.Table("EscalationLevels");
        Delete.Table("Contracts");
        Delete.Table("Organisations");
    }
}
