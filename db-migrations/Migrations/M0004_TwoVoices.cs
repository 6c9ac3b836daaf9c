using FluentMigrator;

namespace ContractMonitor.Migrations.Migrations;

/// <summary>
/// The two voices of DESIGN §3.5: the trust's notes on a figure (beside the commentary of its
/// returns), the council's challenges pinned to the revision they question, and the trust's
/// responses to them.
/// </summary>
[Migration(2026_11_23_0004, "Claims, challenges and responses")]
public sealed class M0004_TwoVoices : Migration
{
    public override void Up()
    {
        // Append-only, like returns: what the trust said and when is part of the record.
        Create.Table("Claims")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_Claims").Identity()
            .WithColumn("ContractId").AsInt64().NotNullable()
                .ForeignKey("FK_Claims_Contracts", "Contracts", "Id")
            .WithColumn("MeasureId").AsInt64().NotNullable()
                .ForeignKey("FK_Claims_Measures", "Measures", "Id")
            .WithColumn("Period").AsString(10).NotNullable()
            .WithColumn("PeriodStart").AsDate().NotNullable()
            .WithColumn("Text").AsString(4000).NotNullable()
            // The revision current when the note was written; null when no return had been sent.
            .WithColumn("ReturnRevision").AsInt32().Nullable()
            .WithColumn("Author").AsString(200).NotNullable()
            .WithColumn("AuthorOrg").AsString(64).NotNullable()
            .WithColumn("CreatedAt").AsDateTime2().NotNullable();
        Create.Index("IX_Claims_Contract_PeriodStart").OnTable("Claims")
            .OnColumn("ContractId").Ascending()
            .OnColumn("PeriodStart").Ascending();

        Create.Table("Challenges")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_Challenges").Identity()
            .WithColumn("ContractId").AsInt64().NotNullable()
                .ForeignKey("FK_Challenges_Contracts", "Contracts", "Id")
            .WithColumn("MeasureId").AsInt64().NotNullable()
                .ForeignKey("FK_Challenges_Measures", "Measures", "Id")
            .WithColumn("Period").AsString(10).NotNullable()
            .WithColumn("PeriodStart").AsDate().NotNullable()
            .WithColumn("Text").AsString(4000).NotNullable()
            // The pin: the revision the council questioned, so a later revision shows both figures.
            // Null when the challenge was written before any return was sent.
            .WithColumn("ReturnRevision").AsInt32().Nullable()
            .WithColumn("ResponseDueDate").AsDate().Nullable()
            .WithColumn("Status").AsString(16).NotNullable()
            .WithColumn("Outcome").AsString(16).Nullable()
            .WithColumn("CloseNote").AsString(4000).Nullable()
            .WithColumn("CreatedBy").AsString(200).NotNullable()
            .WithColumn("CreatedByOrg").AsString(64).NotNullable()
            .WithColumn("CreatedAt").AsDateTime2().NotNullable()
            .WithColumn("ClosedBy").AsString(200).Nullable()
            .WithColumn("ClosedAt").AsDateTime2().Nullable();
        Create.Index("IX_Challenges_Contract_PeriodStart").OnTable("Challenges")
            .OnColumn("ContractId").Ascending()
            .OnColumn("PeriodStart").Ascending();

        Create.Table("ChallengeResponses")
            .WithColumn("Id").AsInt64().NotNullable().PrimaryKey("PK_ChallengeResponses").Identity()
            .WithColumn("ChallengeId").AsInt64().NotNullable()
                .ForeignKey("FK_ChallengeResponses_Challenges", "Challenges", "Id")
            .WithColumn("Text").AsString(4000).NotNullable()
            .WithColumn("ReturnRevision").AsInt32().Nullable()
            .WithColumn("Author").AsString(200).NotNullable()
            .WithColumn("AuthorOrg").AsString(64).NotNullable()
            .WithColumn("CreatedAt").AsDateTime2().NotNullable();
        Create.Index("IX_ChallengeResponses_Challenge").OnTable("ChallengeResponses")
            .OnColumn("ChallengeId").Ascending()
            .OnColumn("Id").Ascending();
    }

    public override void Down()
    {
        Delete.Table("ChallengeResponses");
        Delete.Table("Challenges");
        Delete.Table("Claims");
    }
}
