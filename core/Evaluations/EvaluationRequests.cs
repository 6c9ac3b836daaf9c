using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using Dapper;

namespace ContractMonitor.Core.Evaluations;

/// <summary>
/// "Evaluate this contract now", kept as a row: the evaluator answers every open request of a
/// contract when it next runs it, so the request survives a lost job queue.
/// </summary>
internal sealed class EvaluationRequests(Database database, TimeProvider clock)
{
    private static readonly DialectSql InsertSql = DialectSql.InsertReturningId(
        """
        INSERT INTO EvaluationRequests (ContractId, RequestedBy, RequestedByOrg, RequestedAt)
        """,
        """
        VALUES (@ContractId, @RequestedBy, @RequestedByOrg, @RequestedAt)
        """);

    public async Task<EvaluationRequest> CreateAsync(long contractId, Caller caller, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Dialect[InsertSql], new
        {
            ContractId = contractId,
            RequestedBy = caller.Name,
            RequestedByOrg = caller.Org,
            RequestedAt = now,
        }, transaction, cancellationToken: cancellationToken));
        var request = new EvaluationRequest(id, contractId, EvaluationRequestStatus.Queued, caller.Name, now, null, null, null);
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry(
            "evaluation.requested", "EvaluationRequest", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            contractId, null, request), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return request;
    }

    private const string FindSql = """
        SELECT Id, ContractId, RequestedBy, RequestedAt, CompletedAt, EvaluationsWritten, EventsWritten
        FROM EvaluationRequests
        WHERE Id = @Id AND ContractId = @ContractId
        """;

    public async Task<EvaluationRequest?> FindAsync(long contractId, long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RequestRow>(new CommandDefinition(
            FindSql, new { Id = id, ContractId = contractId }, cancellationToken: cancellationToken));
        return row?.ToRequest();
    }

    private sealed record RequestRow
    {
        public long Id { get; init; }
        public long ContractId { get; init; }
        public string RequestedBy { get; init; } = "";
        public DateTimeOffset RequestedAt { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
        public int? EvaluationsWritten { get; init; }
        public int? EventsWritten { get; init; }

        public EvaluationRequest ToRequest() => new(
            Id, ContractId, CompletedAt is null ? EvaluationRequestStatus.Queued : EvaluationRequestStatus.Completed,
            RequestedBy, RequestedAt, CompletedAt, EvaluationsWritten, EventsWritten);
    }
}
