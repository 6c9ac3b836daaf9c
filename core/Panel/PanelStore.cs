using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Panel;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using Dapper;

namespace ContractMonitor.Core.Panel;

internal sealed class PanelStore(Database database, TimeProvider clock)
{
    private const string ListSql = """
        SELECT Name, Email, Role FROM PanelMembers WHERE ContractId = @ContractId ORDER BY Id
        """;

    public async Task<CouncilPanel> GetAsync(long contractId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PanelMemberRow>(new CommandDefinition(
            ListSql, new { ContractId = contractId }, cancellationToken: cancellationToken));
        return new CouncilPanel(rows.Select(r => r.ToMember()).ToList());
    }

    private const string DeleteSql = """
        DELETE FROM PanelMembers WHERE ContractId = @ContractId
        """;

    private const string InsertSql = """
        INSERT INTO PanelMembers (ContractId, Name, Email, Role) VALUES (@ContractId, @Name, @Email, @Role)
        """;

    /// <summary>Replaces the whole panel of a contract the caller may administer; the request is validated.</summary>
    public async Task<WriteResult<CouncilPanel>> ReplaceAsync(
        long contractId, Caller caller, PanelRequest request, CancellationToken cancellationToken)
    {
        var members = (request.Members ?? [])
            .Select(m => new PanelSeat(m.Name.Trim(), m.Email.Trim(), m.Role!.Value))
            .ToList();
        var after = new CouncilPanel(members);
        var now = clock.GetUtcNow();

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Two replacements at once each delete then insert: on SQL Server the second would meet the
        // first's rows in the unique (contract, email) key (2627, a 500). Locking the contract row first makes
        // the second wait, then read the first's panel as its before.
        await connection.ExecuteAsync(new CommandDefinition(Contracts.ContractStore.HoldSql, new { ContractId = contractId }, transaction,
            cancellationToken: cancellationToken));
        var before = new CouncilPanel((await connection.QueryAsync<PanelMemberRow>(new CommandDefinition(
            ListSql, new { ContractId = contractId }, transaction, cancellationToken: cancellationToken)))
            .Select(r => r.ToMember()).ToList());
        if (before.Members.SequenceEqual(after.Members))
        {
            return WriteResult.Unchanged(before);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            DeleteSql, new { ContractId = contractId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            InsertSql, members.Select(m => new { ContractId = contractId, m.Name, m.Email, Role = m.Role.ToString() }),
            transaction, cancellationToken: cancellationToken));
        await AuditLog.WriteAsync(transaction, caller, now,
            new AuditEntry("panel.replaced", "Panel", contractId.ToString(CultureInfo.InvariantCulture), contractId, before, after),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(after);
    }

    private const string ChairsSql = """
        SELECT Name, Email, Role FROM PanelMembers
        WHERE ContractId = @ContractId AND Role IN ('Chair', 'ViceChair')
        ORDER BY Id
        """;

    /// <summary>
    /// Who is emailed about a contract: its chair, then its vice-chair, each address once, in the
    /// caller's transaction. Ordinary members are not emailed.
    /// </summary>
    internal static async Task<IReadOnlyList<PanelSeat>> ChairsAsync(
        DbTransaction transaction, long contractId, CancellationToken cancellationToken)
    {
        var rows = await transaction.Connection!.QueryAsync<PanelMemberRow>(new CommandDefinition(
            ChairsSql, new { ContractId = contractId }, transaction, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToMember())
            .OrderBy(m => m.Role == PanelRole.Chair ? 0 : 1)
            .DistinctBy(m => EmailKey(m.Email))
            .ToList();
    }

    /// <summary>Addresses compare without case or surrounding space: one mailbox is one recipient.</summary>
    internal static string EmailKey(string email)
    {
        return email.Trim().ToUpperInvariant();
    }

    private sealed record PanelMemberRow
    {
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";

        public PanelSeat ToMember() => new(Name, Email, Enum.Parse<PanelRole>(Role));
    }
}
