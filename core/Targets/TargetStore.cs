using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Targets;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Targets;

/// <summary>
/// Targets per measure and financial year. A change is a new version, never an update, so the
/// version a past rating used stays readable.
/// </summary>
internal sealed class TargetStore(Database database, TimeProvider clock)
{
    private const string CurrentSql = """
        SELECT FinancialYear, Version, Target, Tolerance, Reason, SetBy, SetAt
        FROM MeasureTargets
        WHERE MeasureId = @MeasureId AND FinancialYear = @FinancialYear
          AND Version = (SELECT MAX(Version) FROM MeasureTargets WHERE MeasureId = @MeasureId AND FinancialYear = @FinancialYear)
        """;

    private const string InsertSql = """
        INSERT INTO MeasureTargets (MeasureId, FinancialYear, Version, Target, Tolerance, Reason, SetBy, SetAt)
        VALUES (@MeasureId, @FinancialYear, @Version, @Target, @Tolerance, @Reason, @SetBy, @SetAt)
        """;

    /// <summary>
    /// Sets the target for a year. The same target, tolerance and reason again changes nothing;
    /// anything else adds a version. The request has passed the polarity and unit rules.
    /// </summary>
    public async Task<WriteResult<TargetSetting>> SetAsync(
        Measure measure, FinancialYear year, Caller caller, SetTargetRequest request, CancellationToken cancellationToken)
    {
        // Its marks' MERGE can meet an evaluation's read of marks, or a second setting's version
        // number: a deadlock or a race rolls everything back, so it runs again (issue 22).
        return await DbRetry.RunAsync(() => TrySetAsync(measure, year, caller, request, cancellationToken), races: DbRetry.MaxAttempts - 1);
    }

    private async Task<WriteResult<TargetSetting>> TrySetAsync(
        Measure measure, FinancialYear year, Caller caller, SetTargetRequest request, CancellationToken cancellationToken)
    {
        var target = request.Target!.Value;
        var tolerance = request.Tolerance!.Value;
        var reason = request.Reason.Trim();
        var now = clock.GetUtcNow();

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<TargetRow>(new CommandDefinition(
            CurrentSql, new { MeasureId = measure.Id, FinancialYear = year.StartYear }, transaction,
            cancellationToken: cancellationToken));
        if (current is not null && current.Target == target && current.Tolerance == tolerance && current.Reason == reason)
        {
            return WriteResult.Unchanged(current.ToSetting(current: true));
        }

        var row = new TargetRow
        {
            FinancialYear = year.StartYear,
            Version = (current?.Version ?? 0) + 1,
            Target = target,
            Tolerance = tolerance,
            Reason = reason,
            SetBy = caller.Name,
            SetAt = now,
        };
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
            {
                MeasureId = measure.Id,
                row.FinancialYear,
                row.Version,
                row.Target,
                row.Tolerance,
                row.Reason,
                row.SetBy,
                row.SetAt,
            }, transaction, cancellationToken: cancellationToken));
            await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry(
                "target.set", "MeasureTarget",
                string.Create(CultureInfo.InvariantCulture, $"{measure.Code}/{year}/v{row.Version}"),
                measure.ContractId, current?.ToSetting(current: false), row.ToSetting(current: true)), cancellationToken);
            // Only this year's periods are rated against this target, so only they are rated again.
            var today = UkCalendar.Today(clock);
            await PendingEvaluations.MarkAsync(transaction, database.Dialect,
                Period.Between(measure.Frequency, year.Start, year.End < today ? year.End : today)
                    .Select(p => new PendingEvaluations.Mark(measure.Id, p)),
                EvaluationReason.Target, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbException ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return WriteResult.Conflict<TargetSetting>(
                $"The {year} target of {measure.Code} was changed by someone else at the same moment. Read it again and retry.");
        }

        return current is null
            ? WriteResult.Created(row.ToSetting(current: true))
            : WriteResult.Updated(row.ToSetting(current: true));
    }

    private const string ListSql = """
        SELECT FinancialYear, Version, Target, Tolerance, Reason, SetBy, SetAt
        FROM MeasureTargets
        WHERE MeasureId = @MeasureId
        ORDER BY FinancialYear, Version
        """;

    /// <summary>Every version of every year, oldest first, the version in force marked current.</summary>
    public async Task<IReadOnlyList<TargetSetting>> ListAsync(Measure measure, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<TargetRow>(new CommandDefinition(
            ListSql, new { MeasureId = measure.Id }, cancellationToken: cancellationToken))).ToList();
        var latest = rows.GroupBy(r => r.FinancialYear).ToDictionary(g => g.Key, g => g.Max(r => r.Version));
        return rows.Select(r => r.ToSetting(current: latest[r.FinancialYear] == r.Version)).ToList();
    }

    private sealed record TargetRow
    {
        public int FinancialYear { get; init; }
        public int Version { get; init; }
        public decimal Target { get; init; }
        public decimal Tolerance { get; init; }
        public string Reason { get; init; } = "";
        public string SetBy { get; init; } = "";
        public DateTimeOffset SetAt { get; init; }

        public TargetSetting ToSetting(bool current) => new(
            new FinancialYear(FinancialYear).ToString(), Target, Tolerance, Reason, Version, current, SetBy, SetAt);
    }
}
