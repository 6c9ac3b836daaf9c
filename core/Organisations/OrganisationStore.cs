using System.Data.Common;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using Dapper;

namespace ContractMonitor.Core.Organisations;

internal sealed class OrganisationStore(Database database, TimeProvider clock)
{
    private static readonly DialectSql InsertSql = DialectSql.InsertReturningId(
        """
        INSERT INTO Organisations (Code, Name, Kind, CreatedAt)
        """,
        """
        VALUES (@Code, @Name, @Kind, @CreatedAt)
        """);

    /// <param name="request">Already validated; the code is stored lower-case so both engines agree on uniqueness.</param>
    public async Task<WriteResult<Organisation>> CreateAsync(
        Caller caller, CreateOrganisationRequest request, CancellationToken cancellationToken)
    {
        var organisation = new Organisation(NormaliseCode(request.Code), request.Name.Trim(), request.Kind!.Value);
        var now = clock.GetUtcNow();

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindIdAsync(transaction, organisation.Code, cancellationToken) is not null)
        {
            return WriteResult.Conflict<Organisation>($"An organisation with code '{organisation.Code}' already exists.");
        }

        try
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                database.Dialect[InsertSql],
                new { organisation.Code, organisation.Name, Kind = organisation.Kind.ToString(), CreatedAt = now },
                transaction, cancellationToken: cancellationToken));
            await AuditLog.WriteAsync(transaction, caller, now,
                new AuditEntry("organisation.created", "Organisation", id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null, organisation),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult.Created(organisation);
        }
        catch (DbException ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return WriteResult.Conflict<Organisation>($"An organisation with code '{organisation.Code}' already exists.");
        }
    }

    private const string ListVisibleSql = """
        SELECT Code, Name, Kind
        FROM Organisations
        WHERE Code = @Org OR Kind = 'Provider'
        ORDER BY Code
        """;

    /// <summary>The caller's own organisation and every provider they might contract with; never other councils.</summary>
    public async Task<IReadOnlyList<Organisation>> ListVisibleAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrganisationRow>(new CommandDefinition(
            ListVisibleSql, new { caller.Org }, cancellationToken: cancellationToken));
        return rows.Select(r => new Organisation(r.Code, r.Name, Enum.Parse<OrganisationKind>(r.Kind))).ToList();
    }

    private const string FindIdSql = """
        SELECT Id FROM Organisations WHERE Code = @Code
        """;

    private static Task<long?> FindIdAsync(DbTransaction transaction, string code, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            FindIdSql, new { Code = code }, transaction, cancellationToken: cancellationToken));

    public static string NormaliseCode(string code) => code.Trim().ToLowerInvariant();

    private sealed record OrganisationRow
    {
        public string Code { get; init; } = "";
        public string Name { get; init; } = "";
        public string Kind { get; init; } = "";
    }
}
