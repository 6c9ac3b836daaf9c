using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Evaluations;

/// <summary>
/// What was known of a contract before an instant (DESIGN §5, <c>knownAt</c>): the measures recorded
/// by then, each figure's latest revision received by then, each year's target version set by then,
/// and every escalation as the events recorded by then left it. Ratings are a pure function of
/// figures, targets and the day (<see cref="SeriesRules"/>), so they are worked out again here
/// rather than kept in a snapshot table.
/// </summary>
internal sealed class PastKnowledge
{
    private readonly ILookup<long, FigureRow> figures;
    private readonly ILookup<long, TargetRow> targets;
    private readonly HashSet<long> recorded;

    private PastKnowledge(
        Contract contract, DateTimeOffset knownAt, HashSet<long> recorded, ILookup<long, FigureRow> figures, ILookup<long, TargetRow> targets,
        IReadOnlyList<Escalation> escalations)
    {
        Contract = contract;
        KnownAt = knownAt;
        this.recorded = recorded;
        this.figures = figures;
        this.targets = targets;
        Escalations = escalations;
    }

    public Contract Contract { get; }

    public DateTimeOffset KnownAt { get; }

    /// <summary>The English day the knowledge is of: Pending and Missing are judged on it.</summary>
    public DateOnly Day => UkCalendar.DayEndedBy(KnownAt);

    /// <summary>Every escalation opened by then, with its level and status as its events then told it.</summary>
    public IReadOnlyList<Escalation> Escalations { get; }

    private const string MeasuresRecordedSql = """
        SELECT Id FROM Measures WHERE ContractId = @ContractId AND CreatedAt < @KnownAt
        """;

    /// <summary>
    /// The instant that knows everything recorded so far: knowledge is of what was recorded before
    /// an instant, so "now" is the instant just after the clock's, and a write made at the clock's
    /// very instant (as under a test's fixed clock) is known.
    /// </summary>
    public static DateTimeOffset Now(TimeProvider clock) => clock.GetUtcNow().AddTicks(1);

    public static async Task<PastKnowledge> LoadAsync(
        Database database, EscalationStore escalations, Contract contract, DateTimeOffset knownAt, CancellationToken cancellationToken)
    {
        var args = new { ContractId = contract.Id, KnownAt = knownAt, Everything = true };
        IReadOnlyList<Escalation> past;
        HashSet<long> recorded;
        ILookup<long, FigureRow> figures;
        ILookup<long, TargetRow> targets;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            CommandDefinition Command(string sql) => new(sql, args, cancellationToken: cancellationToken);
            recorded = (await connection.QueryAsync<long>(Command(MeasuresRecordedSql))).ToHashSet();
            figures = (await connection.QueryAsync<FigureRow>(Command(ContractEvaluator.FiguresSql))).ToLookup(f => f.MeasureId);
            targets = (await connection.QueryAsync<TargetRow>(Command(ContractEvaluator.TargetsSql))).ToLookup(t => t.MeasureId);
        }

        past = await escalations.ListAsync(contract.Id, EscalationFilter.All, knownAt, cancellationToken);
        return new PastKnowledge(contract, knownAt, recorded, figures, targets, past);
    }

    /// <summary>Whether the measure had been recorded by then: one recorded later was owed nothing and shows nothing.</summary>
    public bool Knows(Measure measure) => recorded.Contains(measure.Id);

    /// <summary>The measure's periods rated as they would have been then, by period; a period left out was Pending.</summary>
    public IReadOnlyDictionary<Period, PeriodRating> Rate(Measure measure)
    {
        if (!Knows(measure))
        {
            return new Dictionary<Period, PeriodRating>();
        }

        return SeriesRules.Rate(measure.Terms, Terms, FiguresOf(measure), TargetsOf(measure), Day).ToDictionary(r => r.Period);
    }

    /// <summary>The measure's quarters or years (<paramref name="spans"/>) rolled up from its figures as known then (issue 18).</summary>
    public IReadOnlyList<Rollups.RolledRating> RollUp(Measure measure, IReadOnlyList<Period> spans) =>
        Knows(measure) ? Rollups.RolledSeries.Rate(measure, Terms, FiguresOf(measure), TargetsOf(measure), Day, spans) : [];

    /// <summary>The contract's terms with the changes of its rules recorded by then.</summary>
    private ContractTerms Terms => Contract.Terms with { PolicyChanges = PolicyChange.KnownAt(Contract.PolicyChanges, KnownAt) };

    private Dictionary<Period, FigureToRate> FiguresOf(Measure measure) =>
        figures[measure.Id].Select(f => f.ToFigure(measure.Frequency, Terms)).ToDictionary(f => f.Period);

    private Dictionary<int, TargetVersion> TargetsOf(Measure measure) =>
        targets[measure.Id].ToDictionary(t => t.FinancialYear, t => t.ToVersion());

    /// <summary>The escalations of a measure still open then, highest level first.</summary>
    public IReadOnlyList<OpenEscalation> OpenFor(string measureCode) => Escalations
        .Where(e => e.MeasureCode == measureCode && e.Status != EscalationStatus.Resolved)
        .Select(e => new OpenEscalation(e.Id, e.Reason, e.Level, e.LevelName, e.Status))
        .OrderByDescending(e => e.Level).ThenBy(e => e.Reason)
        .ToList();
}
