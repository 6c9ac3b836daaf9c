using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Issue 20, a measure over the contract's life: a label for its unit; its retirement (the first
/// period it is no longer owed or rated, and why); and its definition as versions, each from a period,
/// so what a measure meant can be answered for any period. The definition on Measures stays the
/// one first given; a measure without versions means that for every period.
/// </summary>
[Migration(2026_11_29_0012, "Measure life")]
public sealed class M0012_MeasureLife : Migration
{
    public override void Up()
    {
        Alter.Table("Measures")
            .AddColumn("UnitLabel").AsString(64).Nullable()
            .AddColumn("RetiredFrom").AsString(10).Nullable()
            .AddColumn("RetirementReason").AsString(1000).Nullable()
            // When the retirement was recorded, so a read of what was known before then does not know it.
            .AddColumn("RetiredAt").AsDateTime2().Nullable();

        Create.Table("MeasureDefinitions")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_MeasureDefinitions").Identity()
            .WithColumn("MeasureId").AsInt64().NotNullable()
                .ForeignKey("FK_MeasureDefinitions_Measures", "Measures", "Id")
            .WithColumn("FromPeriod").AsString(10).NotNullable()
            .WithColumn("FromPeriodStart").AsDate().NotNullable()
            .WithColumn("Definition").AsString(4000).NotNullable()
            // Null for the definition the measure was created with, kept as the first version at its first change.
            .WithColumn("Reason").AsString(1000).Nullable()
            .WithColumn("SetBy").AsString(200).Nullable()
            .WithColumn("SetAt").AsDateTime2().Nullable();
        Create.Index("IX_MeasureDefinitions_Measure").OnTable("MeasureDefinitions")
            .OnColumn("MeasureId").Ascending()
            .OnColumn("FromPeriodStart").Ascending();
    }

    public override void Down()
    {
        Delete.Table("MeasureDefinitions");
        Delete.Column("UnitLabel").FromTable("Measures");
        Delete.Column("RetiredFrom").FromTable("Measures");
        Delete.Column("RetirementReason").FromTable("Measures");
        Delete.Column("RetiredAt").FromTable("Measures");
    }
}
