using System.Data.Common;
using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Audit;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Data;
using Dapper;

namespace ContractMonitor.Core.Audit;

/// <summary>
/// The audit trail. Writes join the caller's transaction, so a change and its audit row land
/// together or not at all.
/// </summary>
internal sealed class AuditLog(Database database)
{
    private const string InsertSql = """
        INSERT INTO AuditLog (OccurredAt, Actor, ActorOrg, Action, EntityType, EntityId, ContractId, Before, After)
        VALUES (@OccurredAt, @Actor, @ActorOrg, @Action, @EntityType, @EntityId, @ContractId, @Before, @After)
        """;

    public static Task WriteAsync(
        DbTransaction transaction, Caller caller, DateTimeOffset at, AuditEntry entry, CancellationToken cancellationToken)
    {
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            OccurredAt = at,
            Actor = caller.Name,
            ActorOrg = caller.Org,
            entry.Action,
            entry.EntityType,
            entry.EntityId,
            entry.ContractId,
            Before = ToJson(entry.Before),
            After = ToJson(entry.After),
        }, transaction, cancellationToken: cancellationToken));
    }

    private static readonly BulkRows Entries = new(new DialectSql(
        SqlServer: """
            INSERT INTO AuditLog (OccurredAt, Actor, ActorOrg, Action, EntityType, EntityId, ContractId, Before, After)
            SELECT @At, j.Actor, j.ActorOrg, j.Action, j.EntityType, j.EntityId, j.ContractId, j.Before, j.After
            FROM OPENJSON(@Rows) WITH (
                Seq int '$[0]', Actor nvarchar(200) '$[1]', ActorOrg nvarchar(64) '$[2]', Action nvarchar(100) '$[3]',
                EntityType nvarchar(64) '$[4]', EntityId nvarchar(100) '$[5]', ContractId bigint '$[6]',
                Before nvarchar(max) '$[7]', After nvarchar(max) '$[8]') AS j
            ORDER BY j.Seq
            """,
        Sqlite: """
            INSERT INTO AuditLog (OccurredAt, Actor, ActorOrg, Action, EntityType, EntityId, ContractId, Before, After)
            VALUES (@At, @Actor, @ActorOrg, @Action, @EntityType, @EntityId, @ContractId, @Before, @After)
            """),
        ["@Actor", "@ActorOrg", "@Action", "@EntityType", "@EntityId", "@ContractId", "@Before", "@After"]);

    // The field's name ends in Sql so that the statement checks find it (AppStatements).
    private static readonly DialectSql InsertManySql = Entries.Sql;

    /// <summary>Many entries by one caller at one time, in order: one statement on SQL Server however many there are.</summary>
    public static Task WriteAsync(
        DbTransaction transaction, SqlDialect dialect, Caller caller, DateTimeOffset at, IReadOnlyList<AuditEntry> entries,
        CancellationToken cancellationToken) =>
        BulkInsert.InsertAsync(transaction, dialect, Entries, entries, e => [
            caller.Name, caller.Org, e.Action, e.EntityType, e.EntityId, e.ContractId, ToJson(e.Before), ToJson(e.After),
        ], at, cancellationToken);

    private static readonly DialectSql ListForContractSql = new(
        SqlServer: """
            SELECT Id, OccurredAt, Actor, ActorOrg, Action, EntityType, EntityId, Before, After
            FROM AuditLog
            WHERE ContractId = @ContractId AND Id < @Before
            ORDER BY Id DESC
            OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY
            """,
        Sqlite: """
            SELECT Id, OccurredAt, Actor, ActorOrg, Action, EntityType, EntityId, Before, After
            FROM AuditLog
            WHERE ContractId = @ContractId AND Id < @Before
            ORDER BY Id DESC
            LIMIT @Take
            """);

    /// <summary>Newest first, keyset-paged by id; the contract's visibility is checked by the caller.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListForContractAsync(
        long contractId, long? beforeId, int take, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            database.Dialect[ListForContractSql],
            new { ContractId = contractId, Before = beforeId ?? long.MaxValue, Take = take },
            cancellationToken: cancellationToken));
        return rows.Select(r => new AuditRecord(
            r.Id, r.OccurredAt, r.Actor, r.ActorOrg, r.Action, r.EntityType, r.EntityId, r.Before, r.After)).ToList();
    }

    private static string? ToJson(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), JsonDefaults.Web);

    private sealed record AuditRow
    {
        public long Id { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
        public string Actor { get; init; } = "";
        public string ActorOrg { get; init; } = "";
        public string Action { get; init; } = "";
        public string EntityType { get; init; } = "";
        public string EntityId { get; init; } = "";
        public string? Before { get; init; }
        public string? After { get; init; }
    }
}
