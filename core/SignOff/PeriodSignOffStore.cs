using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.SignOff;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using Dapper;

namespace ContractMonitor.Core.SignOff;

/// <summary>A period's sign-off: its state, the measures it covers, and every step taken.</summary>
internal sealed record PeriodSignOff(Period Period, PeriodDataState State, IReadOnlyList<string> Measures, IReadOnlyList<PeriodStep> Steps)
{
    /// <summary>The acceptance in force, while the period is accepted.</summary>
    public PeriodStep? Acceptance => State == PeriodDataState.Accepted ? Steps[^1] : null;
}

/// <summary>Why a step was not taken: a refusal by the rules (409), or measures without figures (422).</summary>
/// <param name="Unready">Why the period cannot be signed off at all: it has not ended, or covers no measure (422).</param>
internal sealed record SignOffResult(PeriodSignOff? SignOff, string? Conflict = null, IReadOnlyList<string>? Missing = null, string? Unready = null);

/// <summary>
/// Sign-off and lock of a contract period's figures (issue 20). Each step is a row appended with the
/// next sequence number, so two steps at once break the unique key and the loser retries against
/// the new state. Each step is audited and moves the contract's read version; an acceptance also
/// releases the escalation emails the contract held for the period.
/// </summary>
internal sealed class PeriodSignOffStore(Database database, TimeProvider clock)
{
    private const string StepsSql = """
        SELECT Period, Seq, Action, Note, Actor, ActorOrg, OccurredAt
        FROM PeriodEvents
        WHERE ContractId = @ContractId AND PeriodStart >= @From AND PeriodStart <= @To AND (@KnownAt IS NULL OR OccurredAt < @KnownAt)
        ORDER BY Period, Seq
        """;

    private const string InsertSql = """
        INSERT INTO PeriodEvents (ContractId, Period, PeriodStart, Seq, Action, Note, Actor, ActorOrg, OccurredAt)
        VALUES (@ContractId, @Period, @PeriodStart, @Seq, @Action, @Note, @Actor, @ActorOrg, @OccurredAt)
        """;

    // Held emails about the accepted period go to the dispatcher now (requireAcceptance).
    private const string ReleaseHeldSql = """
        UPDATE Notifications SET Status = 'Pending', NextAttemptAt = @Now
        WHERE ContractId = @ContractId AND Status = 'Held'
          AND EventId IN (SELECT ev.Id FROM EscalationEvents ev JOIN Escalations e ON e.Id = ev.EscalationId
                          WHERE e.ContractId = @ContractId AND ev.Period = @Period)
        """;

    public async Task<PeriodSignOff> ReadAsync(Contract contract, Period period, IReadOnlyList<Measure> measures, DateTimeOffset? knownAt,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var steps = await StepsAsync(connection, null, contract.Id, [period.ToString()], knownAt, cancellationToken);
        return Of(period, measures, steps[period.ToString()].ToList());
    }

    /// <summary>The state of each of <paramref name="periods"/> (as known at <paramref name="knownAt"/>, if given).</summary>
    public async Task<IReadOnlyDictionary<string, PeriodDataState>> StatesAsync(
        long contractId, IReadOnlyCollection<string> periods, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        if (periods.Count == 0)
        {
            return new Dictionary<string, PeriodDataState>();
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var steps = await StepsAsync(connection, null, contractId, periods, knownAt, cancellationToken);
        return periods.Distinct().ToDictionary(p => p, p => SignOffRules.StateOf(steps[p]));
    }

    /// <summary>
    /// The periods among <paramref name="periods"/> in one of <paramref name="states"/>, each with the
    /// step that put it there, read in the caller's transaction: a batch of returns is refused whole
    /// if it would revise a signed-off or accepted period, and an email waits for its period's acceptance.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<string, PeriodStep>> InStatesAsync(
        DbTransaction transaction, long contractId, IReadOnlyCollection<string> periods, CancellationToken cancellationToken,
        params PeriodDataState[] states)
    {
        if (periods.Count == 0)
        {
            return new Dictionary<string, PeriodStep>();
        }

        var steps = await StepsAsync(transaction.Connection!, transaction, contractId, periods, null, cancellationToken);
        return periods.Distinct()
            .Where(p => states.Contains(SignOffRules.StateOf(steps[p])))
            .ToDictionary(p => p, p => steps[p].Last());
    }

    /// <summary>Takes a step, if the rules allow it now; a sign-off also needs a figure for every measure the period covers.</summary>
    /// <param name="measures">The contract's measures.</param>
    public Task<SignOffResult> ActAsync(
        Contract contract, IReadOnlyList<Measure> measures, Period period, Caller caller, PeriodAction action, string? note,
        CancellationToken cancellationToken) =>
        // Two steps at once: the loser breaks (contract, period, seq) and reads the state again.
        DbRetry.RunAsync(() => TryActAsync(contract, measures, period, caller, action, note, cancellationToken), races: DbRetry.MaxAttempts - 1);

    private async Task<SignOffResult> TryActAsync(
        Contract contract, IReadOnlyList<Measure> measures, Period period, Caller caller, PeriodAction action, string? note,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The contract row first (its read version moves with every step): a batch of returns takes
        // it first too, so an acceptance and a revision of its period never both act on the state before.
        await connection.ExecuteAsync(new CommandDefinition(ContractStore.TouchSql, new { ContractId = contract.Id }, transaction,
            cancellationToken: cancellationToken));
        var steps = (await StepsAsync(connection, transaction, contract.Id, [period.ToString()], null, cancellationToken))[period.ToString()].ToList();
        var before = Of(period, measures, steps);
        if (SignOffRules.Refusal(before.State, action) is { } refusal)
        {
            return new SignOffResult(before, Conflict: refusal);
        }

        if (action == PeriodAction.SignedOff)
        {
            var covered = Covered(period, measures);
            if (period.End >= UkCalendar.DateOf(now))
            {
                return new SignOffResult(before, Unready: $"{period} has not ended yet: it can be signed off from {period.End.AddDays(1):yyyy-MM-dd}.");
            }

            if (covered.Count == 0)
            {
                return new SignOffResult(before, Unready: $"No measure of this contract owes a figure for {period}.");
            }

            var figures = await ReturnStore.CurrentFiguresAsync(connection, transaction,
                new CurrentFigureQuery(contract.Id, From: period.Start, To: period.Start), cancellationToken);
            var sent = figures.Where(f => f.Period == period).Select(f => f.MeasureCode).ToHashSet(StringComparer.Ordinal);
            if (covered.Where(m => !sent.Contains(m.Code)).Select(m => m.Code).ToList() is { Count: > 0 } missing)
            {
                return new SignOffResult(before, Missing: missing);
            }
        }

        var step = new PeriodStep(action, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), caller.Name, caller.Org, now);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            ContractId = contract.Id,
            Period = period.ToString(),
            PeriodStart = period.Start,
            Seq = steps.Count + 1,
            Action = action.ToString(),
            step.Note,
            step.Actor,
            step.ActorOrg,
            step.OccurredAt,
        }, transaction, cancellationToken: cancellationToken));
        var after = Of(period, measures, [.. steps, step]);
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry(
            string.Create(CultureInfo.InvariantCulture, $"period.{char.ToLowerInvariant(action.ToString()[0])}{action.ToString()[1..]}"),
            "Period", period.ToString(), contract.Id, new { State = before.State.ToString() }, new { State = after.State.ToString(), step.Note }),
            cancellationToken);
        if (action == PeriodAction.Accepted)
        {
            await connection.ExecuteAsync(new CommandDefinition(ReleaseHeldSql, new { ContractId = contract.Id, Period = period.ToString(), Now = now },
                transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return new SignOffResult(after);
    }

    /// <summary>The measures a period covers: those of its frequency that owe a figure for it.</summary>
    public static IReadOnlyList<Measure> Covered(Period period, IReadOnlyList<Measure> measures) =>
        measures.Where(m => m.Frequency == period.Frequency && m.Owes(period)).ToList();

    private static PeriodSignOff Of(Period period, IReadOnlyList<Measure> measures, IReadOnlyList<PeriodStep> steps) =>
        new(period, SignOffRules.StateOf(steps), Covered(period, measures).Select(m => m.Code).ToList(), steps);

    private static async Task<ILookup<string, PeriodStep>> StepsAsync(
        DbConnection connection, DbTransaction? transaction, long contractId, IReadOnlyCollection<string> periods, DateTimeOffset? knownAt,
        CancellationToken cancellationToken)
    {
        // The periods' span rather than a list of them: a batch's periods are not bounded by design.
        var starts = periods.Select(p => Period.TryParse(p, out var period) ? period.Start : throw new ArgumentException($"Not a period: {p}", nameof(periods))).ToList();
        var wanted = periods.ToHashSet(StringComparer.Ordinal);
        var rows = await connection.QueryAsync<StepRow>(new CommandDefinition(StepsSql, new
        {
            ContractId = contractId,
            From = starts.Min(),
            To = starts.Max(),
            KnownAt = knownAt,
        }, transaction, cancellationToken: cancellationToken));
        return rows.Where(r => wanted.Contains(r.Period)).ToLookup(r => r.Period, r => new PeriodStep(Enum.Parse<PeriodAction>(r.Action), r.Note, r.Actor, r.ActorOrg, r.OccurredAt));
    }

    private sealed record StepRow
    {
        public string Period { get; init; } = "";
        public int Seq { get; init; }
        public string Action { get; init; } = "";
        public string? Note { get; init; }
        public string Actor { get; init; } = "";
        public string ActorOrg { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
    }
}
