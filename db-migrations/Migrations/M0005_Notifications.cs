using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// The email outbox (DESIGN §2): a row per message and recipient, written in the same transaction
/// as the escalation event or digest that causes it, then sent by the dispatch job. The ladder's
/// levels gain an optional address to tell when an escalation reaches them.
/// </summary>
[Migration(2026_11_23_0005, "Notifications")]
public sealed class M0005_Notifications : Migration
{
    public override void Up()
    {
        Alter.Table("EscalationLevels")
            .AddColumn("Email").AsString(254).Nullable();

        Create.Table("Notifications")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_Notifications").Identity()
            .WithColumn("ContractId").AsInt64().NotNullable()
                .ForeignKey("FK_Notifications_Contracts", "Contracts", "Id")
            .WithColumn("Kind").AsString(16).NotNullable()
            // Set for an escalation email; the event is what the email tells of.
            .WithColumn("EscalationId").AsInt64().Nullable()
                .ForeignKey("FK_Notifications_Escalations", "Escalations", "Id")
            .WithColumn("EventId").AsInt64().Nullable()
                .ForeignKey("FK_Notifications_EscalationEvents", "EscalationEvents", "Id")
            // Set for a monthly digest: the month it reports, such as 2026-11.
            .WithColumn("DigestMonth").AsString(7).Nullable()
            .WithColumn("Recipient").AsString(254).NotNullable()
            .WithColumn("RecipientName").AsString(200).NotNullable()
            .WithColumn("RecipientRole").AsString(32).NotNullable()
            // Fixed when the row is written, so a resend after a crash carries the same Message-Id.
            .WithColumn("MessageKey").AsString(64).NotNullable()
            .WithColumn("MessageId").AsString(300).Nullable()
            // Rendered on the first attempt and kept, so every attempt sends the same message.
            .WithColumn("Subject").AsString(400).Nullable()
            .WithColumn("TextBody").AsString(int.MaxValue).Nullable()
            .WithColumn("HtmlBody").AsString(int.MaxValue).Nullable()
            .WithColumn("Status").AsString(16).NotNullable()
            .WithColumn("Attempts").AsInt32().NotNullable()
            .WithColumn("NextAttemptAt").AsDateTime2().NotNullable()
            // A dispatcher's claim: its token, and when the claim lapses if it dies mid-send.
            .WithColumn("ClaimToken").AsString(64).Nullable()
            .WithColumn("ClaimedUntil").AsDateTime2().Nullable()
            .WithColumn("LastError").AsString(1000).Nullable()
            .WithColumn("CreatedAt").AsDateTime2().NotNullable()
            .WithColumn("SentAt").AsDateTime2().Nullable();
        Create.Index("IX_Notifications_Due").OnTable("Notifications")
            .OnColumn("Status").Ascending()
            .OnColumn("NextAttemptAt").Ascending();
        Create.Index("IX_Notifications_Contract").OnTable("Notifications")
            .OnColumn("ContractId").Ascending()
            .OnColumn("Id").Ascending();
        // One email per event and recipient, and one digest per contract, month and recipient,
        // however many times the job that writes them runs. Filtered, so each applies to its kind.
        Execute.Sql("""
            CREATE UNIQUE INDEX UX_Notifications_Event ON Notifications (EventId, Recipient) WHERE EventId IS NOT NULL
            """);
        Execute.Sql("""
            CREATE UNIQUE INDEX UX_Notifications_Digest ON Notifications (ContractId, DigestMonth, Recipient) WHERE DigestMonth IS NOT NULL
            """);
    }

    public override void Down()
    {
        Delete.Table("Notifications");
        Delete.Column("Email").FromTable("EscalationLevels");
    }
}
