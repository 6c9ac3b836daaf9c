using System.Data.Common;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using Dapper;

namespace ContractMonitor.Core.Evaluations;

/// <summary>Everything an evaluation of one contract reads, taken inside its transaction.</summary>
internal sealed record ContractSnapshot(
    long ContractId,
    ContractTerms Terms,
    PolicyTimeline Policies,
    int TopLevel,
    IReadOnlyList<MarkRow> Marks,
    IReadOnlyList<long> Requests,
    IReadOnlyList<MeasureTerms> Measures,
    ILookup<long, FigureRow> Figures,
    ILookup<long, TargetRow> Targets,
    ILookup<long, EvaluationRow> Evaluations,
    ILookup<long, EscalationRow> Escalations,
    ILookup<long, EventRow> Events,
    bool SpecialCause,
    ILookup<long, string> Recalculations,
    ILookup<long, HoldRow> Holds);

/// <summary>An agreed exception as the evaluation reads it: from which period, and on which days, it holds a measure (issue 20).</summary>
internal sealed record HoldRow
{
    public long MeasureId { get; init; }
    public string HoldsFrom { get; init; } = "";
    public string? MissingHoldsFrom { get; init; }
    public string? DeclineHoldsFrom { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateOnly Until { get; init; }
    public DateOnly? EndedOn { get; init; }

    /// <summary>Where the hold starts for one reason, by the exception's own rule.</summary>
    public Periods.Period HoldsFromFor(ContractMonitor.Contracts.Escalations.EscalationReason reason, Frequency frequency) =>
        Exceptions.AgreedException.StartFor(reason, Periods.Period.Parse(HoldsFrom, frequency),
            MissingHoldsFrom is null ? null : Periods.Period.Parse(MissingHoldsFrom, frequency),
            DeclineHoldsFrom is null ? null : Periods.Period.Parse(DeclineHoldsFrom, frequency));

    public bool HoldsOn(DateOnly day) => Exceptions.AgreedException.HoldsOn(Periods.UkCalendar.DateOf(CreatedAt), Until, EndedOn, day);
}

internal sealed record MarkRow
{
    public long MeasureId { get; init; }
    public string Period { get; init; } = "";
    public int Generation { get; init; }
    public string Reason { get; init; } = "";
}

internal sealed record FigureRow
{
    public long MeasureId { get; init; }
    public string Period { get; init; } = "";
    public int Revision { get; init; }
    public decimal Value { get; init; }
    public decimal? Denominator { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The figure to rate; late by the due date the contract's rules give its period.</summary>
    public FigureToRate ToFigure(Frequency frequency, ContractTerms terms)
    {
        var period = ContractMonitor.Core.Periods.Period.Parse(Period, frequency);
        return new(period, Revision, Value, Denominator, Returns.ReturnRules.IsLate(SubmittedAt, terms.DueDate(period)));
    }
}

internal sealed record TargetRow
{
    public long MeasureId { get; init; }
    public int FinancialYear { get; init; }
    public int Version { get; init; }
    public decimal Target { get; init; }
    public decimal Tolerance { get; init; }
    public string SetBy { get; init; } = "";

    public TargetVersion ToVersion() => new(FinancialYear, Version, Target, Tolerance);
}

/// <summary>A stored rating, as the evaluator compares it and the status reads it.</summary>
internal sealed record EvaluationRow
{
    public long Id { get; init; }
    public long MeasureId { get; init; }
    public string Period { get; init; } = "";
    public decimal? Value { get; init; }
    public int? Revision { get; init; }
    public decimal? Target { get; init; }
    public decimal? Tolerance { get; init; }
    public int? TargetVersion { get; init; }
    public string Rating { get; init; } = "";
    public string? Direction { get; init; }
    public bool Late { get; init; }
    public bool SmallCohort { get; init; }

    public bool Matches(PeriodRating rating) =>
        Value == rating.Value && Revision == rating.Revision && Target == rating.Target && Tolerance == rating.Tolerance
        && TargetVersion == rating.TargetVersion && Rating == rating.Rating.ToString()
        && Direction == rating.Direction?.ToString() && Late == rating.Late && SmallCohort == rating.SmallCohort;

    public Rating RatingValue => Enum.Parse<Rating>(Rating);

    public Direction? DirectionValue => Direction is null ? null : Enum.Parse<Direction>(Direction);

    public IReadOnlyList<RatingCaveat> Caveats => SeriesRules.FlagsOf(Late, SmallCohort, RatingValue, Value);

    public StoredRating ToStored(Period period) => new(period, Revision, TargetVersion, RatingValue);

    public RatedFigure ToFigure() => new(Value, Target, Tolerance, RatingValue, DirectionValue, Caveats, Revision, TargetVersion);
}

internal sealed record EscalationRow
{
    public long Id { get; init; }
    public long MeasureId { get; init; }
    public string Reason { get; init; } = "";
    public int Level { get; init; }
    public string Status { get; init; } = "";
    public string? RunStart { get; init; }
    public string OpenedPeriod { get; init; } = "";
    public string LastPeriod { get; init; } = "";

    public StoredEscalation ToStored(Frequency frequency, IEnumerable<EventRow> events) => new(
        Id, Period.Parse(RunStart ?? OpenedPeriod, frequency), Period.Parse(OpenedPeriod, frequency), Period.Parse(LastPeriod, frequency),
        Level, Enum.Parse<EscalationStatus>(Status), events.Select(e => e.ToStored(frequency)).ToList());
}

/// <summary>An event the evaluator wrote; acknowledgements are not part of an escalation's story.</summary>
internal sealed record EventRow
{
    public long EscalationId { get; init; }
    public string Type { get; init; } = "";
    public string? Period { get; init; }
    public int Level { get; init; }
    public int? Step { get; init; }

    public StoredEvent ToStored(Frequency frequency) => new(
        Enum.Parse<EscalationEventType>(Type), Period is null ? null : ContractMonitor.Core.Periods.Period.Parse(Period, frequency), Level, Step);
}

internal sealed partial class ContractEvaluator
{
    // One evaluator per contract at a time. SQLite needs nothing more: its write transaction
    // (BEGIN IMMEDIATE) already admits one writer. SQL Server takes an application lock that is
    // released with the transaction. It waits 20 s, less than the command's 30 s timeout, so a long
    // wait ends in our own error (51000) rather than a client timeout (-2); a deadlock is 51003.
    internal static readonly DialectSql LockSql = new(
        SqlServer: """
            DECLARE @Result int;
            EXEC @Result = sp_getapplock @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 20000;
            IF @Result = -3 THROW 51003, 'Chosen as a deadlock victim waiting for another evaluation of this contract.', 1;
            IF @Result < 0 THROW 51000, 'Timed out waiting for another evaluation of this contract.', 1;
            """,
        Sqlite: "SELECT 1");

    private const string ContractSql = """
        SELECT c.Id, c.StartDate, c.EndDate, c.ReturnDueDays, c.SmallCohort, c.RaiseAfter, c.ResolveAfter, c.DeclineRunLength, c.SpecialCause,
               c.MonitoredFrom,
               (SELECT MAX(l.Level) FROM EscalationLevels l WHERE l.ContractId = c.Id) AS TopLevel
        FROM Contracts c
        WHERE c.Id = @ContractId
        """;

    private const string MarksSql = """
        SELECT p.MeasureId, p.Period, p.Generation, p.Reason
        FROM PendingEvaluations p JOIN Measures m ON m.Id = p.MeasureId
        WHERE m.ContractId = @ContractId
        """;

    private const string RequestsSql = """
        SELECT Id FROM EvaluationRequests WHERE ContractId = @ContractId AND CompletedAt IS NULL
        """;

    private const string MeasuresSql = """
        SELECT Id, Code, Polarity, Unit, Frequency, StartPeriod, RetiredFrom FROM Measures WHERE ContractId = @ContractId ORDER BY Code
        """;

    internal const string FiguresSql = """
        SELECT r.MeasureId, r.Period, r.Revision, r.Value, r.Denominator, r.SubmittedAt
        FROM Returns r JOIN Measures m ON m.Id = r.MeasureId
        WHERE m.ContractId = @ContractId
          AND (@Everything = 1 OR EXISTS (SELECT 1 FROM PendingEvaluations p WHERE p.MeasureId = m.Id))
          AND
        """ + " " + ReturnStore.CurrentRevisionCondition;

    /// <summary>Each year's latest target version; with <c>@KnownAt</c>, the latest set before it.</summary>
    internal const string TargetsSql = """
        SELECT t.MeasureId, t.FinancialYear, t.Version, t.Target, t.Tolerance, t.SetBy
        FROM MeasureTargets t JOIN Measures m ON m.Id = t.MeasureId
        WHERE m.ContractId = @ContractId
          AND t.Version = (SELECT MAX(x.Version) FROM MeasureTargets x WHERE x.MeasureId = t.MeasureId AND x.FinancialYear = t.FinancialYear
                           AND (@KnownAt IS NULL OR x.SetAt < @KnownAt))
          AND (@Everything = 1 OR EXISTS (SELECT 1 FROM PendingEvaluations p WHERE p.MeasureId = m.Id))
        """;

    private const string EvaluationsSql = """
        SELECT e.Id, e.MeasureId, e.Period, e.Value, e.Revision, e.Target, e.Tolerance, e.TargetVersion,
               e.Rating, e.Direction, e.Late, e.SmallCohort
        FROM Evaluations e JOIN Measures m ON m.Id = e.MeasureId
        WHERE m.ContractId = @ContractId
          AND (@Everything = 1 OR EXISTS (SELECT 1 FROM PendingEvaluations p WHERE p.MeasureId = m.Id))
        """;

    private const string EscalationsSql = """
        SELECT Id, MeasureId, Reason, Level, Status, RunStart, OpenedPeriod, LastPeriod
        FROM Escalations
        WHERE ContractId = @ContractId
          AND (@Everything = 1 OR EXISTS (SELECT 1 FROM PendingEvaluations p WHERE p.MeasureId = Escalations.MeasureId))
        ORDER BY Id
        """;

    private const string EventsSql = """
        SELECT ev.EscalationId, ev.Type, ev.Period, ev.Level, ev.Step
        FROM EscalationEvents ev
        JOIN Escalations e ON e.Id = ev.EscalationId
        WHERE e.ContractId = @ContractId AND ev.Type <> 'Acknowledged'
          AND (@Everything = 1 OR EXISTS (SELECT 1 FROM PendingEvaluations p WHERE p.MeasureId = e.MeasureId))
        ORDER BY ev.Id
        """;

    private async Task<ContractSnapshot?> ReadAsync(DbTransaction transaction, long contractId, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var args = new { ContractId = contractId, Resource = $"contractmonitor:evaluate:{contractId}" };
        CommandDefinition Command(string sql) => new(sql, args, transaction, cancellationToken: cancellationToken);

        await connection.ExecuteAsync(Command(database.Dialect[LockSql]));
        var contract = await connection.QuerySingleOrDefaultAsync<SnapshotContractRow>(Command(ContractSql));
        if (contract is null)
        {
            return null;
        }

        // Marks first: a figure committed after this read re-marks its period with a new
        // generation, so clearing the marks by generation can never drop work not yet seen.
        var marks = (await connection.QueryAsync<MarkRow>(Command(MarksSql))).ToList();
        var requests = (await connection.QueryAsync<long>(Command(RequestsSql))).ToList();
        var measures = (await connection.QueryAsync<MeasureTermsRow>(Command(MeasuresSql))).Select(m => m.ToTerms(contract.StartDate)).ToList();
        IReadOnlyList<PolicyChange> changes;
        await using (var results = await connection.QueryMultipleAsync(Command(PolicyChangeStore.ForContractSql)))
        {
            changes = (await PolicyChangeStore.ReadChangesAsync(results))[contractId].ToList();
        }

        // The series and escalations of the measures this run evaluates: all of them when someone
        // asked or all are marked (no need to look each row's mark up), otherwise the marked ones. A
        // measure marked after the marks were read is read too, harmlessly: it is not evaluated
        // until its mark is seen.
        var everything = requests.Count > 0 || marks.Select(m => m.MeasureId).Distinct().Count() >= measures.Count;
        var scope = new { ContractId = contractId, Everything = everything, KnownAt = (DateTimeOffset?)null };
        CommandDefinition Scoped(string sql) => new(sql, scope, transaction, cancellationToken: cancellationToken);
        var escalations = (await connection.QueryAsync<EscalationRow>(Scoped(EscalationsSql))).ToLookup(e => e.MeasureId);
        // A contract evaluated for the first time has no escalations, and so no events to read.
        var events = escalations.Count == 0 ? Array.Empty<EventRow>() : await connection.QueryAsync<EventRow>(Scoped(EventsSql));
        return new ContractSnapshot(
            contractId,
            contract.ToTerms() with { PolicyChanges = changes },
            new PolicyTimeline(
                new PolicyVersion(contract.ReturnDueDays, contract.SmallCohort, contract.RaiseAfter, contract.ResolveAfter, contract.DeclineRunLength, []),
                changes),
            contract.TopLevel ?? 1,
            marks, requests, measures,
            (await connection.QueryAsync<FigureRow>(Scoped(FiguresSql))).ToLookup(f => f.MeasureId),
            (await connection.QueryAsync<TargetRow>(Scoped(TargetsSql))).ToLookup(t => t.MeasureId),
            (await connection.QueryAsync<EvaluationRow>(Scoped(EvaluationsSql))).ToLookup(e => e.MeasureId),
            escalations,
            events.ToLookup(e => e.EscalationId),
            contract.SpecialCause,
            // Only a contract that escalates SPC signals needs where its limits start again.
            contract.SpecialCause
                ? (await connection.QueryAsync<Spc.SpcRecalculationStore.Row>(Scoped(Spc.SpcRecalculationStore.CurrentSql))).ToLookup(r => r.MeasureId, r => r.Period)
                : Array.Empty<(long MeasureId, string Period)>().ToLookup(r => r.MeasureId, r => r.Period),
            (await connection.QueryAsync<HoldRow>(Command(HoldsSql))).ToLookup(h => h.MeasureId));
    }

    private const string HoldsSql = """
        SELECT MeasureId, HoldsFrom, MissingHoldsFrom, DeclineHoldsFrom, CreatedAt, Until, EndedOn FROM AgreedExceptions WHERE ContractId = @ContractId
        """;

    private sealed record SnapshotContractRow : ContractTermsRow
    {
        public int? TopLevel { get; init; }
    }

    private sealed record MeasureTermsRow
    {
        public long Id { get; init; }
        public string Code { get; init; } = "";
        public string Polarity { get; init; } = "";
        public string Unit { get; init; } = "";
        public string Frequency { get; init; } = "";

        public string? StartPeriod { get; init; }

        public string? RetiredFrom { get; init; }

        public MeasureTerms ToTerms(DateOnly contractStart)
        {
            var frequency = Enum.Parse<Frequency>(Frequency);
            return new(Id, Code, Enum.Parse<Polarity>(Polarity), Enum.Parse<MeasureUnit>(Unit), frequency,
                MeasureStart.Effective(StartPeriod, frequency, contractStart),
                RetiredFrom is null ? null : Period.Parse(RetiredFrom, frequency));
        }
    }
}
