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

    /// <summary>The changes of the contracts <paramref name="condition"/> (on <c>p</c>, PolicyChanges) selects, then their ladders.</summary>
    internal static string ForContractsSql(string condition) => "SELECT " + ChangeColumns + $"""

        FROM PolicyChanges p WHERE {condition} ORDER BY p.ContractId, p.FromDate, p.RecordedAt, p.Id;
        SELECT l.PolicyChangeId, l.Level, l.Name, l.Email
        FROM PolicyChangeLevels l JOIN PolicyChanges p ON p.Id = l.PolicyChangeId
        WHERE {condition} ORDER BY l.PolicyChangeId, l.Level
        """;

    /// <summary>One contract's changes (<c>@ContractId</c>), then their ladders: read with <see cref="ReadChangesAsync"/>.</summary>
    internal static readonly string ForContractSql = ForContractsSql("p.ContractId = @ContractId");

    /// <summary>Every contract's changes: the table holds a handful a year for each, so the daily jobs read it whole.</summary>
    internal static readonly string AllSql = ForContractsSql("1 = 1");

    /// <summary>The contract's own rules and ladder, then its changes: read with <see cref="TimelineAsync"/>.</summary>
    private static readonly string TimelineSql = """
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
    /// keeps the value in force for that period. A later change keeps what it changed itself, and
    /// takes on what this one changes where it had only carried the earlier value over, as a new
    /// version from its own period, so that a change is never undone silently by one recorded before
    /// it. The same version again writes nothing.
    /// </summary>
    /// <returns>The contract's rules as they now stand; Rejected when the ladder's levels are not the contract's.</returns>
    public Task<WriteResult<PolicyTimeline>> ChangeAsync(
        Contract contract, Caller caller, Period from, ChangePolicyRequest request, CancellationToken cancellationToken) =>
        // A deadlock victim (against an evaluation clearing its marks) runs again from the start.
        DbRetry.RunAsync(() => ChangeOnceAsync(contract, caller, from, request, cancellationToken), races: 0);

    private async Task<WriteResult<PolicyTimeline>> ChangeOnceAsync(
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
        if (request.Ladder is { } levels
            && !levels.Select(l => l.Level).Order().SequenceEqual(before.Ladder.Select(l => (int?)l.Level).Order()))
        {
            return WriteResult.Rejected<PolicyTimeline>("ladder", string.Create(CultureInfo.InvariantCulture,
                $"'ladder' must list the contract's {before.Ladder.Count} levels, 1 to {before.Ladder.Count}: a change renames a level or changes its address, and keeps the levels."));
        }

        var reason = request.Reason.Trim();
        var version = Apply(request, before, before);
        if (version.SameAs(before))
        {
            return WriteResult.Unchanged(timeline);
        }

        var written = new List<PolicyChange> { new(0, from.ToString(), from.Start, version, reason, caller.Name, now) };
        foreach (var later in timeline.Changes.Where(c => c.FromDate > from.Start).Select(c => c.FromDate).Distinct().Order())
        {
            var old = timeline.At(later);
            var carried = Apply(request, old, timeline.At(later.AddDays(-1)));
            if (!carried.SameAs(old))
            {
                var fromPeriod = PolicyChange.InForce(timeline.Changes, later)!.FromPeriod;
                written.Add(new(0, fromPeriod, later, carried, $"{reason} (carried from {from} into the change from {fromPeriod})", caller.Name, now));
            }
        }

        var stored = new List<PolicyChange>();
        foreach (var change in written)
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Dialect[InsertSql], new
            {
                ContractId = contract.Id,
                change.FromPeriod,
                change.FromDate,
                change.Version.ReturnDueDays,
                change.Version.SmallCohort,
                change.Version.RaiseAfter,
                change.Version.ResolveAfter,
                change.Version.DeclineRunLength,
                change.Reason,
                change.RecordedBy,
                change.RecordedAt,
            }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(InsertLevelSql,
                change.Version.Ladder.Select(l => new { PolicyChangeId = id, l.Level, l.Name, l.Email }), transaction, cancellationToken: cancellationToken));
            stored.Add(change with { Id = id });
        }

        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry("contract.policy.changed", "Contract",
            contract.Id.ToString(CultureInfo.InvariantCulture), contract.Id,
            new { FromPeriod = from.ToString(), InForce = before },
            new { FromPeriod = from.ToString(), Version = version, Reason = reason, Carried = stored.Skip(1).Select(c => new { c.FromPeriod, c.Version }) }),
            cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ContractStore.TouchSql, args, transaction, cancellationToken: cancellationToken));
        // Every measure from its first period on or after the change: the periods whose due date,
        // cohort or escalation rule it moves.
        await PendingEvaluations.MarkEveryMeasureAsync(transaction, database.Dialect, contract.Id, contract.StartDate, from.Start,
            EvaluationReason.Policy, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(timeline with { Changes = [.. timeline.Changes, .. stored] });
    }

    /// <summary>
    /// The request's values over <paramref name="old"/>, where <paramref name="old"/> only carried
    /// <paramref name="previous"/>'s value over; where it changed a value itself, its own stays.
    /// The ladder is taken level by level in the same way.
    /// </summary>
    private static PolicyVersion Apply(ChangePolicyRequest request, PolicyVersion old, PolicyVersion previous)
    {
        static int Pick(int? asked, int own, int carried) => asked is { } value && own == carried ? value : own;
        var ladder = old.Ladder;
        if (request.Ladder is { } levels)
        {
            var asked = levels.ToDictionary(l => l.Level!.Value,
                l => new LadderRung(l.Level!.Value, l.Name.Trim(), string.IsNullOrWhiteSpace(l.Email) ? null : l.Email.Trim()));
            ladder = old.Ladder.Select(rung => rung == previous.Rung(rung.Level) ? asked[rung.Level] : rung).ToList();
        }

        return new PolicyVersion(
            Pick(request.ReturnDueDays, old.ReturnDueDays, previous.ReturnDueDays), Pick(request.SmallCohort, old.SmallCohort, previous.SmallCohort),
            Pick(request.RaiseAfter, old.RaiseAfter, previous.RaiseAfter), Pick(request.ResolveAfter, old.ResolveAfter, previous.ResolveAfter),
            Pick(request.DeclineRunLength, old.DeclineRunLength, previous.DeclineRunLength), ladder);
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
