using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Issue 20, agreed exceptions: the council agrees that a measure will fail for a known reason until
/// a date, and its escalations neither open nor climb meanwhile. HoldsFrom is the first period the
/// hold covers, fixed when it is agreed: never a period already rated then, so agreeing one never
/// takes back an escalation already told. Each agreement, extension, early end and expiry is a row
/// of ExceptionEvents.
/// </summary>
[Migration(2026_11_29_0014, "Agreed exceptions")]
public sealed class M0014_AgreedExceptions : Migration
{
    public override void Up()
    {
        Create.Table("AgreedExceptions")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_AgreedExceptions").Identity()
            .WithColumn("ContractId").AsInt64().NotNullable()
                .ForeignKey("FK_AgreedExceptions_Contracts", "Contracts", "Id")
            .WithColumn("MeasureId").AsInt64().NotNullable()
                .ForeignKey("FK_AgreedExceptions_Measures", "Measures", "Id")
            .WithColumn("Reason").AsString(1000).NotNullable()
            .WithColumn("FromPeriod").AsString(10).NotNullable()
            .WithColumn("HoldsFrom").AsString(10).NotNullable()
            .WithColumn("Until").AsDate().NotNullable()
            .WithColumn("EndedOn").AsDate().Nullable()
            .WithColumn("ExpiredAt").AsDateTime2().Nullable()
            .WithColumn("CreatedBy").AsString(200).NotNullable()
            .WithColumn("CreatedAt").AsDateTime2().NotNullable();
        Create.Index("IX_AgreedExceptions_Contract").OnTable("AgreedExceptions")
            .OnColumn("ContractId").Ascending()
            .OnColumn("MeasureId").Ascending();

        Create.Table("ExceptionEvents")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_ExceptionEvents").Identity()
            .WithColumn("ExceptionId").AsInt64().NotNullable()
                .ForeignKey("FK_ExceptionEvents_AgreedExceptions", "AgreedExceptions", "Id")
            .WithColumn("Type").AsString(16).NotNullable()
            .WithColumn("Until").AsDate().NotNullable()
            .WithColumn("Note").AsString(1000).Nullable()
            .WithColumn("Actor").AsString(200).NotNullable()
            .WithColumn("ActorOrg").AsString(64).NotNullable()
            .WithColumn("OccurredAt").AsDateTime2().NotNullable();
        Create.Index("IX_ExceptionEvents_Exception").OnTable("ExceptionEvents").OnColumn("ExceptionId").Ascending();
    }

    public override void Down()
    {
        Delete.Table("ExceptionEvents");
        Delete.Table("AgreedExceptions");
    }
}
