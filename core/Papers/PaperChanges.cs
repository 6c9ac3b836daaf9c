using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Text;
using Dapper;

namespace ContractMonitor.Core.Papers;

/// <summary>
/// What was recorded between two instants that a paper of the first could not show: figures
/// revised (or first received) for periods it covered, escalation events, and challenges written,
/// answered or closed. A published paper lists them as "changed since"; a new paper lists the
/// escalation and figure changes since the last one published.
/// </summary>
internal sealed class PaperChanges(Database database)
{
    private const string ChangesSql = """
        SELECT m.Code AS MeasureCode, m.Unit, m.Decimals, r.Period, r.Revision, r.Value, p.Value AS PreviousValue,
               r.SubmittedBy AS Actor, r.SubmittedAt AS At
        FROM Returns r
        JOIN Measures m ON m.Id = r.MeasureId
        LEFT JOIN Returns p ON p.MeasureId = r.MeasureId AND p.Period = r.Period AND p.Revision = r.Revision - 1
        WHERE m.ContractId = @ContractId AND r.SubmittedAt >= @From AND r.SubmittedAt < @To AND r.PeriodStart <= @Until;

        SELECT m.Code AS MeasureCode, e.Reason, v.Type, v.Period, v.Level, v.Actor, v.OccurredAt AS At
        FROM EscalationEvents v
        JOIN Escalations e ON e.Id = v.EscalationId
        JOIN Measures m ON m.Id = e.MeasureId
        WHERE e.ContractId = @ContractId AND v.OccurredAt >= @From AND v.OccurredAt < @To;

        SELECT m.Code AS MeasureCode, c.Id, c.Period, 'Written' AS Action, c.CreatedBy AS Actor, c.CreatedAt AS At, c.Outcome
        FROM Challenges c
        JOIN Measures m ON m.Id = c.MeasureId
        WHERE c.ContractId = @ContractId AND c.CreatedAt >= @From AND c.CreatedAt < @To
        UNION ALL
        SELECT m.Code, c.Id, c.Period, 'Responded', r.Author, r.CreatedAt, NULL
        FROM ChallengeResponses r
        JOIN Challenges c ON c.Id = r.ChallengeId
        JOIN Measures m ON m.Id = c.MeasureId
        WHERE c.ContractId = @ContractId AND r.CreatedAt >= @From AND r.CreatedAt < @To
        UNION ALL
        SELECT m.Code, c.Id, c.Period, 'Closed', c.ClosedBy, c.ClosedAt, c.Outcome
        FROM Challenges c
        JOIN Measures m ON m.Id = c.MeasureId
        WHERE c.ContractId = @ContractId AND c.ClosedAt >= @From AND c.ClosedAt < @To
        """;

    /// <summary>
    /// Everything recorded from <paramref name="from"/> (inclusive: a paper knows what was recorded
    /// before its instant) to <paramref name="to"/> that touches periods begun by <paramref name="until"/>,
    /// oldest first.
    /// </summary>
    public async Task<IReadOnlyList<PaperChange>> BetweenAsync(
        long contractId, DateTimeOffset from, DateTimeOffset to, DateOnly until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(ChangesSql,
            new { ContractId = contractId, From = from, To = to, Until = until }, cancellationToken: cancellationToken));
        var figures = await results.ReadAsync<FigureRow>();
        var events = await results.ReadAsync<EventRow>();
        var voices = await results.ReadAsync<ChallengeRow>();
        // Levels are named as the ladder stood in each event's period (issue 20), as known at the end of the span.
        var timeline = await PolicyChangeStore.TimelineAsync(connection, null, contractId, cancellationToken);
        var policies = timeline with { Changes = PolicyChange.KnownAt(timeline.Changes, to) };
        return figures.Select(f => f.ToChange())
            .Concat(events.Select(e => e.ToChange(policies.LevelName(e.Level, e.Period, until))))
            .Concat(voices.Select(c => c.ToChange()))
            .OrderBy(c => c.At).ThenBy(c => c.MeasureCode, StringComparer.Ordinal)
            .ToList();
    }

    private const string LastPublishedSql = """
        SELECT Id, Title, PublishedAt, KnownAt
        FROM Papers
        WHERE ContractId = @ContractId AND WithdrawnAt IS NULL AND KnownAt < @KnownAt
        ORDER BY KnownAt DESC, Id DESC
        """;

    /// <summary>Escalation and figure changes since the last paper published (and not withdrawn) before this one; null for the first.</summary>
    public async Task<PaperSince?> SinceLastPaperAsync(Contract contract, DateTimeOffset knownAt, DateOnly until, CancellationToken cancellationToken)
    {
        LastPaperRow? last;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            last = await connection.QueryFirstOrDefaultAsync<LastPaperRow>(new CommandDefinition(LastPublishedSql,
                new { ContractId = contract.Id, KnownAt = knownAt }, cancellationToken: cancellationToken));
        }

        if (last is null)
        {
            return null;
        }

        var changes = await BetweenAsync(contract.Id, last.KnownAt, knownAt, until, cancellationToken);
        return new PaperSince(last.Id, last.Title, last.PublishedAt, changes
            .Where(c => c.Kind is PaperChangeKind.EscalationRaised or PaperChangeKind.EscalationChanged or PaperChangeKind.EscalationResolved
                or PaperChangeKind.FigureRevised)
            .ToList());
    }

    private sealed record LastPaperRow
    {
        public long Id { get; init; }
        public string Title { get; init; } = "";
        public DateTimeOffset PublishedAt { get; init; }
        public DateTimeOffset KnownAt { get; init; }
    }

    private sealed record FigureRow
    {
        public string MeasureCode { get; init; } = "";
        public string Unit { get; init; } = "";
        public int Decimals { get; init; }
        public string Period { get; init; } = "";
        public int Revision { get; init; }
        public decimal Value { get; init; }
        public decimal? PreviousValue { get; init; }
        public string Actor { get; init; } = "";
        public DateTimeOffset At { get; init; }

        public PaperChange ToChange()
        {
            var unit = Enum.Parse<MeasureUnit>(Unit);
            string Text(decimal? value) => Words.Value(value, unit, Decimals);
            return Revision > 1
                ? new PaperChange(PaperChangeKind.FigureRevised, MeasureCode, Period,
                    $"{MeasureCode} {Period} revised from {Text(PreviousValue)} to {Text(Value)} by {Actor}.", At)
                : new PaperChange(PaperChangeKind.FigureReceived, MeasureCode, Period, $"{MeasureCode} {Period}: {Text(Value)} received from {Actor}.", At);
        }
    }

    private sealed record EventRow
    {
        public string MeasureCode { get; init; } = "";
        public string Reason { get; init; } = "";
        public string Type { get; init; } = "";
        public string? Period { get; init; }
        public int Level { get; init; }
        public string Actor { get; init; } = "";
        public DateTimeOffset At { get; init; }

        public PaperChange ToChange(string levelName)
        {
            var type = Enum.Parse<EscalationEventType>(Type);
            var what = $"{MeasureCode} {Words.Reason(Enum.Parse<EscalationReason>(Reason)).ToLowerInvariant()}";
            var level = $"level {Level} ({levelName})";
            return type switch
            {
                EscalationEventType.Raised => new(PaperChangeKind.EscalationRaised, MeasureCode, Period, $"{what} raised in {Period} at {level}.", At),
                EscalationEventType.Resolved => new(PaperChangeKind.EscalationResolved, MeasureCode, Period, $"{what} resolved in {Period}.", At),
                EscalationEventType.Escalated => new(PaperChangeKind.EscalationChanged, MeasureCode, Period, $"{what} escalated in {Period} to {level}.", At),
                EscalationEventType.Recovering => new(PaperChangeKind.EscalationChanged, MeasureCode, Period, $"{what} recovering from {Period}.", At),
                EscalationEventType.Reopened => new(PaperChangeKind.EscalationChanged, MeasureCode, Period, $"{what} reopened in {Period} at {level}.", At),
                _ => new(PaperChangeKind.EscalationChanged, MeasureCode, Period, $"{what} acknowledged by {Actor}.", At),
            };
        }
    }

    private sealed record ChallengeRow
    {
        public string MeasureCode { get; init; } = "";
        public long Id { get; init; }
        public string Period { get; init; } = "";
        public string Action { get; init; } = "";
        public string? Actor { get; init; }
        public DateTimeOffset At { get; init; }
        public string? Outcome { get; init; }

        public PaperChange ToChange() => Action switch
        {
            "Written" => new(PaperChangeKind.ChallengeWritten, MeasureCode, Period, $"Challenge {Id} on {MeasureCode} {Period} written by {Actor}.", At),
            "Responded" => new(PaperChangeKind.ChallengeResponded, MeasureCode, Period, $"The trust responded to challenge {Id} on {MeasureCode} {Period} ({Actor}).", At),
            _ => new(PaperChangeKind.ChallengeClosed, MeasureCode, Period, $"Challenge {Id} on {MeasureCode} {Period} closed as {Outcome} by {Actor}.", At),
        };
    }
}
