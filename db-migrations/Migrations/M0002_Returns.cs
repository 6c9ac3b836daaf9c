using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Returns, kept as revisions; the queue of (measure, period) pairs whose rating must be worked out
/// again; and the answers remembered for <c>Idempotency-Key</c> replays.
/// </summary>
[Migration(2026_11_23_0002, "Returns")]
public sealed class M0002_Returns : Migration
{
    public override void Up()
    {
        // Append-only: a resubmission is a new revision, so every figure ever sent stays traceable
        // to who sent it and when. The current figure is the highest revision.
        Create.Table("Returns")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_Returns").Identity()
            .WithColumn("MeasureId").AsInt64().NotNullable()
                .ForeignKey("FK_Returns_Measures", "Measures", "Id")
            .WithColumn("Period").AsString(10).NotNullable()
            .WithColumn("PeriodStart").AsDate().NotNullable()
            .WithColumn("Revision").AsInt32().NotNullable()
            .WithColumn("Value").AsDecimal(19, 6).NotNullable()
            .WithColumn("Numerator").AsDecimal(19, 6).Nullable()
            .WithColumn("Denominator").AsDecimal(19, 6).Nullable()
            .WithColumn("Commentary").AsString(4000).Nullable()
            .WithColumn("Late").AsBoolean().NotNullable()
            .WithColumn("SubmittedBy").AsString(200).NotNullable()
            .WithColumn("SubmittedByOrg").AsString(64).NotNullable()
            .WithColumn("SubmittedAt").AsDateTime2().NotNullable();
        Create.UniqueConstraint("UX_Returns_Measure_Period_Revision")
            .OnTable("Returns").Columns("MeasureId", "Period", "Revision");
        Create.Index("IX_Returns_Measure_PeriodStart").OnTable("Returns")
            .OnColumn("MeasureId").Ascending()
            .OnColumn("PeriodStart").Ascending();

        // One row per pair, however many times it is marked; Generation lets the evaluator remove a
        // mark only if nothing re-marked it while the evaluation ran (compare-and-set).
        Create.Table("PendingEvaluations")
            .WithColumn("MeasureId").AsInt64().NotNullable().PrimaryKey("PK_PendingEvaluations")
                .ForeignKey("FK_PendingEvaluations_Measures", "Measures", "Id")
            .WithColumn("Period").AsString(10).NotNullable().PrimaryKey("PK_PendingEvaluations")
            .WithColumn("PeriodStart").AsDate().NotNullable()
            .WithColumn("Reason").AsString(32).NotNullable()
            .WithColumn("Generation").AsInt32().NotNullable()
            .WithColumn("MarkedAt").AsDateTime2().NotNullable();

        Create.Table("IdempotencyKeys")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_IdempotencyKeys").Identity()
            .WithColumn("ActorOrg").AsString(64).NotNullable()
            .WithColumn("Actor").AsString(200).NotNullable()
            // SHA-256 of (org, actor, key): the same key sent by two callers is two keys, and the
            // comparison is exact on both engines whatever SQL Server's collation does with case.
            .WithColumn("KeyHash").AsString(64).NotNullable()
            .WithColumn("RequestHash").AsString(64).NotNullable()
            .WithColumn("StatusCode").AsInt32().NotNullable()
            .WithColumn("ResponseBody").AsString(int.MaxValue).NotNullable()
            .WithColumn("Location").AsString(400).Nullable()
            .WithColumn("CreatedAt").AsDateTime2().NotNullable();
        Create.UniqueConstraint("UX_IdempotencyKeys_KeyHash")
            .OnTable("IdempotencyKeys").Column("KeyHash");
    }

    public override void Down()
    {
        Delete.Table("IdempotencyKeys");
        Delete.Table("PendingEvaluations");
        Delete.Table("Returns");
    }
}
