using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Issue 22: the dispatcher claims a batch of emails with a token and reads them back by it
/// (WHERE ClaimToken = @Token). Without an index that read scans the whole outbox, which only grows.
/// </summary>
[Migration(2026_11_29_0011, "Outbox claim token index")]
public sealed class M0011_OutboxClaimIndex : Migration
{
    public override void Up() =>
        Create.Index("IX_Notifications_ClaimToken").OnTable("Notifications").OnColumn("ClaimToken").Ascending();

    public override void Down() => Delete.Index("IX_Notifications_ClaimToken").OnTable("Notifications");
}
