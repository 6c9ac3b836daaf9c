using System.Globalization;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Contracts;

/// <summary>
/// The contract's term over its life (issue 20): its end extended or brought forward, audited with
/// a reason. Every measure is marked for evaluation, so the periods the term gains are owed and
/// rated, and those it loses leave the series by the escalation rules.
/// </summary>
internal sealed class ContractTermStore(Database database, TimeProvider clock)
{
    private const string FiguresAfterSql = """
        SELECT DISTINCT m.Code, r.Period, r.PeriodStart
        FROM Returns r JOIN Measures m ON m.Id = r.MeasureId
        WHERE m.ContractId = @ContractId AND r.PeriodStart > @EndDate
        ORDER BY r.PeriodStart, m.Code
        """;

    // The contract row is locked first, so two changes of one term are applied one after the other.
    private const string UpdateSql = """
        UPDATE Contracts SET EndDate = @EndDate, ReadVersion = ReadVersion + 1 WHERE Id = @ContractId
        """;

    /// <returns>The contract as it now stands; Conflict, listing them, when figures lie after the new end.</returns>
    public Task<WriteResult<Contract>> ChangeAsync(
        Contract contract, Caller caller, ChangeTermRequest request, CancellationToken cancellationToken) =>
        // A deadlock victim (against an evaluation clearing its marks) runs again from the start.
        DbRetry.RunAsync(() => ChangeOnceAsync(contract, caller, request, cancellationToken), races: 0);

    private async Task<WriteResult<Contract>> ChangeOnceAsync(
        Contract contract, Caller caller, ChangeTermRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (request.EndDate == contract.EndDate)
        {
            return WriteResult.Unchanged(contract);
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new { ContractId = contract.Id, request.EndDate }, transaction,
            cancellationToken: cancellationToken));
        if (request.EndDate is { } end)
        {
            var after = (await connection.QueryAsync<(string Code, string Period, DateOnly PeriodStart)>(new CommandDefinition(
                FiguresAfterSql, new { ContractId = contract.Id, EndDate = end }, transaction, cancellationToken: cancellationToken))).ToList();
            if (after.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                var listed = after.Take(12).Select(f => $"{f.Code} {f.Period}").ToList();
                var more = after.Count > listed.Count ? string.Create(CultureInfo.InvariantCulture, $" and {after.Count - listed.Count} more") : "";
                return WriteResult.Conflict<Contract>(
                    $"Figures lie after {end:yyyy-MM-dd}: {string.Join(", ", listed)}{more}. The term cannot end before periods that have figures.");
            }
        }

        var changed = contract with { EndDate = request.EndDate };
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry("contract.term.changed", "Contract",
            contract.Id.ToString(CultureInfo.InvariantCulture), contract.Id,
            new { EndDate = contract.EndDate }, new { request.EndDate, Reason = request.Reason.Trim() }), cancellationToken);
        await PendingEvaluations.MarkEveryMeasureAsync(transaction, database.Dialect, contract.Id, contract.StartDate, null,
            EvaluationReason.Terms, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(changed);
    }
}
