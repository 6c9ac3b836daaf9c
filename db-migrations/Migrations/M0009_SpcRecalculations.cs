using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Statistical process control (issue 19): the periods from which a measure's process is known to
/// have changed, so that its control limits start again there, each with the reason and who said so.
/// Replacing a measure's set retires the old rows rather than deleting them, so a read as known at a
/// past time uses the set in force then.
/// </summary>
[Migration(2026_11_29_0009, "SPC recalculation periods")]
public sealed class M0009_SpcRecalculations : Migration
{
    public override void Up()
    {
        Create.Table("SpcRecalculations")
            .WithColumn("Id").AsInt64().PrimaryKey().Identity()
            .WithColumn("MeasureId").AsInt64().NotNullable().ForeignKey("FK_SpcRecalculations_Measures", "Measures", "Id")
            .WithColumn("Period").AsString(16).NotNullable()
            .WithColumn("Reason").AsString(2000).NotNullable()
            .WithColumn("RecordedBy").AsString(200).NotNullable()
            .WithColumn("RecordedAt").AsDateTime2().NotNullable()
            .WithColumn("RetiredAt").AsDateTime2().Nullable();
        Create.Index("IX_SpcRecalculations_Measure").OnTable("SpcRecalculations")
            .OnColumn("MeasureId").Ascending().OnColumn("RecordedAt").Ascending();
    }

    public override void Down() => Delete.Table("SpcRecalculations");
}
