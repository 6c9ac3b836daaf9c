using System.Data.Common;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Claims;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Notifications;

/// <summary>Reads what an escalation email tells: the event, the measure's recent figures and both voices.</summary>
internal static class EscalationEmailReader
{
    private const int RecentPeriods = 6;

    private const string EventSql = """
        SELECT c.Id AS ContractId, c.Reference AS ContractReference, c.Title AS ContractTitle,
               m.Id AS MeasureId, m.Code AS MeasureCode, m.Title AS MeasureTitle,
               e.Id AS EscalationId, e.Reason, e.OpenedPeriod AS RaisedPeriod, ev.Type AS Event, ev.Period, ev.Level,
               ev.Note, ev.Cause, ev.OccurredAt
        FROM EscalationEvents ev
        JOIN Escalations e ON e.Id = ev.EscalationId
        JOIN Measures m ON m.Id = e.MeasureId
        JOIN Contracts c ON c.Id = e.ContractId
        WHERE ev.Id = @EventId
        """;

    // The run's events on this escalation: written together, by the evaluator, up to this one.
    private const string RunEventsSql = """
        SELECT ev.Type, ev.Period, ev.Level, ev.Cause
        FROM EscalationEvents ev
        JOIN EscalationEvents last ON last.Id = @EventId
        WHERE ev.EscalationId = last.EscalationId AND ev.OccurredAt = last.OccurredAt AND ev.Actor = last.Actor AND ev.Id <= last.Id
        ORDER BY ev.Id
        """;

    private const string FiguresSql = """
        SELECT Period, Value, Target, Tolerance, Rating
        FROM Evaluations
        WHERE MeasureId = @MeasureId AND PeriodStart <= @Until
        ORDER BY PeriodStart
        """;

    public static async Task<EscalationEmailModel> ReadAsync(DbConnection connection, long eventId, DateOnly today, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<EventRow>(new CommandDefinition(EventSql, new { EventId = eventId }, cancellationToken: cancellationToken));
        var until = row.Period is not null && Period.TryParse(row.Period, out var period) ? period.Start : today;
        var figures = (await connection.QueryAsync<FigureRow>(new CommandDefinition(
            FiguresSql, new { row.MeasureId, Until = until }, cancellationToken: cancellationToken))).TakeLast(RecentPeriods)
            .Select(f => new EmailFigure(f.Period, f.Value, f.Target, f.Tolerance, Enum.Parse<Rating>(f.Rating)))
            .ToList();
        // Levels are named as the ladder stood in each event's period (issue 20: it can be renamed from a
        // period), by the changes recorded when the event was: a held email names what its recipients were chosen by.
        var timeline = await PolicyChangeStore.TimelineAsync(connection, null, row.ContractId, cancellationToken);
        var policies = timeline with { Changes = PolicyChange.KnownAt(timeline.Changes, row.OccurredAt.AddTicks(1)) };
        var run = (await connection.QueryAsync<RunEventRow>(new CommandDefinition(
            RunEventsSql, new { EventId = eventId }, cancellationToken: cancellationToken)))
            .Select(e => new EmailEvent(Enum.Parse<EscalationEventType>(e.Type), e.Period, e.Level,
                policies.LevelName(e.Level, e.Period, today), e.Cause))
            .ToList();
        var claims = await ClaimStore.ReadAsync(connection, null, new ClaimQuery(row.ContractId, row.MeasureId), cancellationToken);
        var claim = claims.Count == 0 ? null : claims[^1];
        var challenges = (await ChallengeStore.ReadAsync(connection, null, new ChallengeQuery(row.ContractId, MeasureId: row.MeasureId), today, cancellationToken))
            .Where(c => c.Status != ChallengeStatus.Closed)
            .Select(c => new EmailChallenge(c.Period, c.Text, c.Status.ToString(), c.ResponseDueDate, c.Overdue))
            .ToList();
        return new EscalationEmailModel(
            row.ContractId, row.ContractReference, row.ContractTitle, row.MeasureCode, row.MeasureTitle, row.EscalationId,
            Enum.Parse<EscalationReason>(row.Reason), Enum.Parse<EscalationEventType>(row.Event), row.Period, row.Level,
            policies.LevelName(row.Level, row.Period, today), row.Note, figures,
            claim is null ? null : new EmailClaim(claim.Period, claim.Text, claim.Author, claim.CreatedAt), challenges)
        {
            RaisedPeriod = row.RaisedPeriod,
            Cause = row.Cause,
            RunEvents = run,
        };
    }

    private sealed record EventRow
    {
        public long ContractId { get; init; }
        public string ContractReference { get; init; } = "";
        public string ContractTitle { get; init; } = "";
        public long MeasureId { get; init; }
        public string MeasureCode { get; init; } = "";
        public string MeasureTitle { get; init; } = "";
        public long EscalationId { get; init; }
        public string Reason { get; init; } = "";
        public string Event { get; init; } = "";
        public string? Period { get; init; }
        public int Level { get; init; }
        public string? Note { get; init; }
        public string RaisedPeriod { get; init; } = "";
        public string? Cause { get; init; }
        public DateTimeOffset OccurredAt { get; init; }
    }

    private sealed record RunEventRow
    {
        public string Type { get; init; } = "";
        public string? Period { get; init; }
        public int Level { get; init; }
        public string? Cause { get; init; }
    }

    private sealed record FigureRow
    {
        public string Period { get; init; } = "";
        public decimal? Value { get; init; }
        public decimal? Target { get; init; }
        public decimal? Tolerance { get; init; }
        public string Rating { get; init; } = "";
    }
}
