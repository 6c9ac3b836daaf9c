using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// The panel's paper (issue 18): how each measure's months roll up into a quarter or a year, and
/// the papers published to a panel, frozen: their content, the exact bytes of their Word document
/// and its hash. A paper is never deleted or changed; withdrawing one only marks it.
/// </summary>
[Migration(2026_11_29_0008, "Rollups and published papers")]
public sealed class M0008_Papers : Migration
{
    public override void Up()
    {
        // Null is the unit's default, so measures made before this keep the rule they would get now.
        Alter.Table("Measures")
            .AddColumn("Rollup").AsString(32).Nullable();

        Create.Table("Papers")
            .WithColumn("Id").AsInt64().PrimaryKey().Identity()
            .WithColumn("ContractId").AsInt64().NotNullable().ForeignKey("FK_Papers_Contracts", "Contracts", "Id")
            .WithColumn("Period").AsString(16).NotNullable()
            .WithColumn("Title").AsString(200).NotNullable()
            .WithColumn("MeetingDate").AsDate().NotNullable()
            .WithColumn("KnownAt").AsDateTime2().NotNullable()
            .WithColumn("PublishedAt").AsDateTime2().NotNullable()
            .WithColumn("PublishedBy").AsString(200).NotNullable()
            .WithColumn("Content").AsString(int.MaxValue).NotNullable()
            .WithColumn("Document").AsBinary(int.MaxValue).NotNullable()
            .WithColumn("Hash").AsString(64).NotNullable()
            .WithColumn("WithdrawnAt").AsDateTime2().Nullable()
            .WithColumn("WithdrawnBy").AsString(200).Nullable()
            .WithColumn("WithdrawnReason").AsString(2000).Nullable();
        Create.Index("IX_Papers_Contract").OnTable("Papers").OnColumn("ContractId").Ascending().OnColumn("PublishedAt").Ascending();
    }

    public override void Down()
    {
        Delete.Table("Papers");
        Delete.Column("Rollup").FromTable("Measures");
    }
}
