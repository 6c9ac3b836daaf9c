using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// The rating of every (measure, period), the escalations opened from the series of ratings with
/// their events, and the "evaluate now" requests.
/// </summary>
[Migration(2026_11_23_0003, "Evaluations and escalations")]
public sealed class M0003_Evaluations : Migration
{
    public override void Up()
    {
        // The current rating of a period: re-rating updates the row in place, because the figures it
        // came from (return revisions, target versions) are kept in their own append-only tables and
        // the row names the revision and version it used.
        Create.Table("Evaluations")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_Evaluations").Identity()
            .WithColumn("MeasureId").AsInt64().NotNullable()
                .ForeignKey("FK_Evaluations_Measures", "Measures", "Id")
            .WithColumn("Period").AsString(10).NotNullable()
            .WithColumn("PeriodStart").AsDate().NotNullable()
            .WithColumn("Value").AsDecimal(19, 6).Nullable()
            .WithColumn("Revision").AsInt32().Nullable()
            .WithColumn("Target").AsDecimal(19, 6).Nullable()
            .WithColumn("Tolerance").AsDecimal(19, 6).Nullable()
            .WithColumn("TargetVersion").AsInt32().Nullable()
            .WithColumn("Rating").AsString(16).NotNullable()
            .WithColumn("Direction").AsString(16).Nullable()
            .WithColumn("Late").AsBoolean().NotNullable()
            .WithColumn("SmallCohort").AsBoolean().NotNullable()
            .WithColumn("EvaluatedAt").AsDateTime2().NotNullable();
        Create.UniqueConstraint("UX_Evaluations_Measure_Period")
            .OnTable("Evaluations").Columns("MeasureId", "Period");

        Create.Table("Escalations")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_Escalations").Identity()
            .WithColumn("ContractId").AsInt64().NotNullable()
                .ForeignKey("FK_Escalations_Contracts", "Contracts", "Id")
            .WithColumn("MeasureId").AsInt64().NotNullable()
                .ForeignKey("FK_Escalations_Measures", "Measures", "Id")
            .WithColumn("Reason").AsString(32).NotNullable()
            .WithColumn("Level").AsInt32().NotNullable()
            .WithColumn("Status").AsString(16).NotNullable()
            .WithColumn("OpenedPeriod").AsString(10).NotNullable()
            // The last period the state machine has taken into account for this escalation.
            .WithColumn("LastPeriod").AsString(10).NotNullable()
            .WithColumn("OpenedAt").AsDateTime2().NotNullable()
            .WithColumn("UpdatedAt").AsDateTime2().NotNullable()
            .WithColumn("ResolvedAt").AsDateTime2().Nullable();
        Create.Index("IX_Escalations_Contract").OnTable("Escalations")
            .OnColumn("ContractId").Ascending()
            .OnColumn("Id").Ascending();
        // At most one unresolved escalation per (measure, reason), whoever runs the evaluation. The
        // filtered index is written once: SQL Server and SQLite accept the same statement.
        Execute.Sql("""
            CREATE UNIQUE INDEX UX_Escalations_Open ON Escalations (MeasureId, Reason) WHERE ResolvedAt IS NULL
            """);

        Create.Table("EscalationEvents")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_EscalationEvents").Identity()
            .WithColumn("EscalationId").AsInt64().NotNullable()
                .ForeignKey("FK_EscalationEvents_Escalations", "Escalations", "Id")
            .WithColumn("Type").AsString(16).NotNullable()
            .WithColumn("Period").AsString(10).Nullable()
            .WithColumn("Level").AsInt32().NotNullable()
            .WithColumn("Note").AsString(4000).Nullable()
            .WithColumn("Actor").AsString(200).NotNullable()
            .WithColumn("ActorOrg").AsString(64).Nullable()
            .WithColumn("OccurredAt").AsDateTime2().NotNullable();
        Create.Index("IX_EscalationEvents_Escalation").OnTable("EscalationEvents")
            .OnColumn("EscalationId").Ascending()
            .OnColumn("Id").Ascending();

        // "Evaluate this contract now": the request is a row, so a lost job queue delays it but the
        // recurring run still finds it.
        Create.Table("EvaluationRequests")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_EvaluationRequests").Identity()
            .WithColumn("ContractId").AsInt64().NotNullable()
                .ForeignKey("FK_EvaluationRequests_Contracts", "Contracts", "Id")
            .WithColumn("RequestedBy").AsString(200).NotNullable()
            .WithColumn("RequestedByOrg").AsString(64).NotNullable()
            .WithColumn("RequestedAt").AsDateTime2().NotNullable()
            .WithColumn("CompletedAt").AsDateTime2().Nullable()
            .WithColumn("EvaluationsWritten").AsInt32().Nullable()
            .WithColumn("EventsWritten").AsInt32().Nullable();
        Create.Index("IX_EvaluationRequests_Contract").OnTable("EvaluationRequests")
            .OnColumn("ContractId").Ascending()
            .OnColumn("CompletedAt").Ascending();
    }

    public override void Down()
    {
        Delete.Table("EvaluationRequests");
        Delete.Table("EscalationEvents");
        Delete.Table("Escalations");
        Delete.Table("Evaluations");
    }
}
