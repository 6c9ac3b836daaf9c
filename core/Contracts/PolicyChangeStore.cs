using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Contracts;

/// <summary>
/// A contract's rules changed from a period (issue 20): returnDueDays, smallCohort, the escalation
/// thresholds, and the ladder's names and addresses. Each change is stored whole and never
/// updated; every measure is marked from the change's period, so the evaluator replays the series
/// under the rules in force for each period and appends what that changes (DESIGN §3.4).
/// </summary>
internal sealed class PolicyChangeStore(Database database, TimeProvider clock)
{
    private const string ChangeColumns = """
        p.Id, p.ContractId, p.FromPeriod, p.FromDate, p.ReturnDueDays, p.SmallCohort, p.RaiseAfter, p.ResolveAfter, p.DeclineRunLength,
        p.Reason, p.RecordedBy, p.RecordedAt
        """;

    /// <summary>One contract's changes (<c>@ContractId</c>), then their ladders: read with <see cref="ReadChangesAsync"/>.</summary>
    internal const string ForContractSql = "SELECT " + ChangeColumns + """

        FROM PolicyChanges p WHERE p.ContractId = @ContractId ORDER BY p.FromDate, p.RecordedAt, p.Id;
        SELECT l.PolicyChangeId, l.Level, l.Name, l.Email
        FROM PolicyChangeLevels l JOIN PolicyChanges p ON p.Id = l.PolicyChangeId
        WHERE p.ContractId = @ContractId ORDER BY l.PolicyChangeId, l.Level
        """;

    /// <summary>Every contract's changes: the table holds a handful a year for each, so the daily jobs read it whole.</summary>
    internal static readonly string AllSql = ForContractsSql("1 = 1");

    /// <summary>The changes of the contracts <paramref name="condition"/> (on <c>p</c>, PolicyChanges) selects, then their ladders.</summary>
    internal static string ForContractsSql(string condition) => "SELECT " + ChangeColumns + $"""

        FROM PolicyChanges p WHERE {condition} ORDER BY p.ContractId, p.FromDate, p.RecordedAt, p.Id;
        SELECT l.PolicyChangeId, l.Level, l.Name, l.Email
        FROM PolicyChangeLevels l JOIN PolicyChanges p ON p.Id = l.PolicyChangeId
        WHERE {condition} ORDER BY l.PolicyChangeId, l.Level
        """;

    /// <summary>The contract's own rules and ladder, then its changes: read with <see cref="TimelineAsync"/>.</summary>
    private const string TimelineSql = """
        SELECT ReturnDueDays, SmallCohort, RaiseAfter, ResolveAfter, DeclineRunLength FROM Contracts WHERE Id = @ContractId;
        SELECT Level, Name, Email FROM EscalationLevels WHERE ContractId = @ContractId ORDER BY Level;
        """ + ForContractSql;

    /// <summary>Reads the two result sets of <see cref="ForContractSql"/> or <see cref="AllSql"/>, by contract.</summary>
    internal static async Task<ILookup<long, PolicyChange>> ReadChangesAsync(SqlMapper.GridReader results)
    {
        var rows = (await results.ReadAsync<ChangeRow>()).ToList();
        var levels = (await results.ReadAsync<ChangeLevelRow>()).ToLookup(l => l.PolicyChangeId, l => new LadderRung(l.Level, l.Name, l.Email));
        return rows.ToLookup(r => r.ContractId, r => r.ToChange(levels[r.Id].ToList()));
    }

    /// <summary>A contract's rules over its life, for a reader that has only its id.</summary>
    internal static async Task<PolicyTimeline> TimelineAsync(
        DbConnection connection, DbTransaction? transaction, long contractId, CancellationToken cancellationToken)
    {
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            TimelineSql, new { ContractId = contractId }, transaction, cancellationToken: cancellationToken));
        var own = await results.ReadSingleOrDefaultAsync<ContractRulesRow>() ?? new ContractRulesRow();
        var ladder = (await results.ReadAsync<ChangeLevelRow>()).Select(l => new LadderRung(l.Level, l.Name, l.Email)).ToList();
        var changes = await ReadChangesAsync(results);
        return new PolicyTimeline(
            new PolicyVersion(own.ReturnDueDays, own.SmallCohort, own.RaiseAfter, own.ResolveAfter, own.DeclineRunLength, ladder),
            changes[contractId].ToList());
    }

    private static readonly DialectSql InsertSql = DialectSql.InsertReturningId(
        """
        INSERT INTO PolicyChanges (ContractId, FromPeriod, FromDate, ReturnDueDays, SmallCohort, RaiseAfter, ResolveAfter, DeclineRunLength,
            Reason, RecordedBy, RecordedAt)
        """,
        """
        VALUES (@ContractId, @FromPeriod, @FromDate, @ReturnDueDays, @SmallCohort, @RaiseAfter, @ResolveAfter, @DeclineRunLength,
            @Reason, @RecordedBy, @RecordedAt)
        """);

    private const string InsertLevelSql = """
        INSERT INTO PolicyChangeLevels (PolicyChangeId, Level, Name, Email) VALUES (@PolicyChangeId, @Level, @Name, @Email)
        """;

    /// <summary>
    /// Puts a version of the rules in force from <paramref name="from"/>: what the request leaves out
    /// keeps the value in force for that period. The same version again writes nothing.
    /// </summary>
    /// <returns>The contract's rules as they now stand; Rejected when the ladder's levels are not the contract's.</returns>
    public async Task<WriteResult<PolicyTimeline>> ChangeAsync(
        Contract contract, Caller caller, Period from, ChangePolicyRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The contract row first: two changes of one contract are applied one after the other, and
        // each reads the rules the other left.
        var args = new { ContractId = contract.Id };
        await connection.ExecuteAsync(new CommandDefinition(ContractStore.HoldSql, args, transaction, cancellationToken: cancellationToken));
        var timeline = await TimelineAsync(connection, transaction, contract.Id, cancellationToken);
        var before = timeline.At(from);
        var ladder = before.Ladder;
        if (request.Ladder is { } levels)
        {
            if (!levels.Select(l => l.Level).Order().SequenceEqual(before.Ladder.Select(l => (int?)l.Level).Order()))
            {
                return WriteResult.Rejected<PolicyTimeline>("ladder", string.Create(CultureInfo.InvariantCulture,
                    $"'ladder' must list the contract's {before.Ladder.Count} levels, 1 to {before.Ladder.Count}: a change renames a level or changes its address, and keeps the levels."));
            }

            ladder = levels.OrderBy(l => l.Level)
                .Select(l => new LadderRung(l.Level!.Value, l.Name.Trim(), string.IsNullOrWhiteSpace(l.Email) ? null : l.Email.Trim()))
                .ToList();
        }

        var version = new PolicyVersion(
            request.ReturnDueDays ?? before.ReturnDueDays, request.SmallCohort ?? before.SmallCohort, request.RaiseAfter ?? before.RaiseAfter,
            request.ResolveAfter ?? before.ResolveAfter, request.DeclineRunLength ?? before.DeclineRunLength, ladder);
        if (version.SameAs(before))
        {
            return WriteResult.Unchanged(timeline);
        }

        var change = new PolicyChange(0, from.ToString(), from.Start, version, request.Reason.Trim(), caller.Name, now);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Dialect[InsertSql], new
        {
            ContractId = contract.Id,
            change.FromPeriod,
            change.FromDate,
            version.ReturnDueDays,
            version.SmallCohort,
            version.RaiseAfter,
            version.ResolveAfter,
            version.DeclineRunLength,
            change.Reason,
            change.RecordedBy,
            change.RecordedAt,
        }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(InsertLevelSql,
            version.Ladder.Select(l => new { PolicyChangeId = id, l.Level, l.Name, l.Email }), transaction, cancellationToken: cancellationToken));
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry("contract.policy.changed", "Contract",
            contract.Id.ToString(CultureInfo.InvariantCulture), contract.Id,
            new { FromPeriod = change.FromPeriod, InForce = before },
            new { change.FromPeriod, Version = version, change.Reason }), cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ContractStore.TouchSql, args, transaction, cancellationToken: cancellationToken));

        // Every measure from its first period on or after the change: the periods whose due date,
        // cohort or escalation rule it moves.
        await PendingEvaluations.MarkEveryMeasureAsync(transaction, database.Dialect, contract.Id, contract.StartDate, from.Start,
            EvaluationReason.Policy, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(timeline with { Changes = [.. timeline.Changes, change with { Id = id }] });
    }

    private sealed record ContractRulesRow
    {
        public int ReturnDueDays { get; init; } = ContractDefaults.ReturnDueDays;
        public int SmallCohort { get; init; } = ContractDefaults.SmallCohort;
        public int RaiseAfter { get; init; } = ContractDefaults.RaiseAfter;
        public int ResolveAfter { get; init; } = ContractDefaults.ResolveAfter;
        public int DeclineRunLength { get; init; } = ContractDefaults.DeclineRunLength;
    }

    private sealed record ChangeRow
    {
        public long Id { get; init; }
        public long ContractId { get; init; }
        public string FromPeriod { get; init; } = "";
        public DateOnly FromDate { get; init; }
        public int ReturnDueDays { get; init; }
        public int SmallCohort { get; init; }
        public int RaiseAfter { get; init; }
        public int ResolveAfter { get; init; }
        public int DeclineRunLength { get; init; }
        public string Reason { get; init; } = "";
        public string RecordedBy { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }

        public PolicyChange ToChange(IReadOnlyList<LadderRung> ladder) => new(Id, FromPeriod, FromDate,
            new PolicyVersion(ReturnDueDays, SmallCohort, RaiseAfter, ResolveAfter, DeclineRunLength, ladder), Reason, RecordedBy, RecordedAt);
    }

    private sealed record ChangeLevelRow
    {
        public long PolicyChangeId { get; init; }
        public int Level { get; init; }
        public string Name { get; init; } = "";
        public string? Email { get; init; }
    }
}
