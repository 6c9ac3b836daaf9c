using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// Issue 20: an agreed exception's hold starts per escalation reason. What the chairs were told
/// differs by reason: a month rated Missing was told to the missing-returns escalation but said
/// nothing to the failure one, so a late failing figure for it must still be held. HoldsFrom stays
/// the failure start (and the one shown); these two are the missing-returns and decline starts.
/// Null on an exception agreed before them: HoldsFrom for every reason, as it was.
/// </summary>
[Migration(2026_11_29_0015, "Exception holds per reason")]
public sealed class M0015_ExceptionHoldsPerReason : Migration
{
    public override void Up() =>
        Alter.Table("AgreedExceptions")
            .AddColumn("MissingHoldsFrom").AsString(10).Nullable()
            .AddColumn("DeclineHoldsFrom").AsString(10).Nullable();

    public override void Down()
    {
        Delete.Column("MissingHoldsFrom").FromTable("AgreedExceptions");
        Delete.Column("DeclineHoldsFrom").FromTable("AgreedExceptions");
    }
}
