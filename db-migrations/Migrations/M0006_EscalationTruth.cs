using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// What escalations need to stay true as figures arrive late or revised (DESIGN §3.4): the day a
/// contract's news starts, the period a measure's returns are first expected, an escalation's
/// identity (the first period of the run that raised it), and the cause and place of each event.
/// </summary>
/// <remarks>
/// The new contract and measure columns are null on rows written before this migration, and null
/// keeps what those rows meant then: monitored, and owed, from the contract's start. Every row
/// written since carries its value.
/// </remarks>
[Migration(2026_11_29_0006, "Escalation truth")]
public sealed class M0006_EscalationTruth : Migration
{
    public override void Up()
    {
        Alter.Table("Contracts")
            .AddColumn("MonitoredFrom").AsDate().Nullable();

        Alter.Table("Measures")
            .AddColumn("StartPeriod").AsString(10).Nullable();

        Alter.Table("Escalations")
            .AddColumn("RunStart").AsString(10).Nullable();
        // Before this migration an escalation's identity was the period it was raised in.
        Execute.Sql("UPDATE Escalations SET RunStart = OpenedPeriod");

        // Step: the event's place in the episode the evaluator replayed, so a later correction can
        // say which events it takes the place of without rewriting them.
        Alter.Table("EscalationEvents")
            .AddColumn("Cause").AsString(1000).Nullable()
            .AddColumn("Step").AsInt32().Nullable();
    }

    public override void Down()
    {
        Delete.Column("Step").FromTable("EscalationEvents");
        Delete.Column("Cause").FromTable("EscalationEvents");
        Delete.Column("RunStart").FromTable("Escalations");
        Delete.Column("StartPeriod").FromTable("Measures");
        Delete.Column("MonitoredFrom").FromTable("Contracts");
    }
}
