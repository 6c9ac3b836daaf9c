using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Notifications;

namespace ContractMonitor.Core.Escalations;

/// <summary>
/// An escalation as it stood at an earlier instant. Every change of level or status is an appended
/// event (DESIGN §3.4) and the record always holds what its last event says, so the events recorded
/// by then are enough to say where it stood then.
/// </summary>
internal static class EscalationHistory
{
    /// <param name="escalation">Read with only the events and emails recorded before <paramref name="knownAt"/>.</param>
    /// <returns>Null when no event of its story had been recorded then: nothing was known of it.</returns>
    /// <remarks>
    /// Its identity (<see cref="Escalation.RunStart"/>) is today's: a record keeps its identity for
    /// life. A record from before escalations were reconciled by identity may have stood at another
    /// level than its last event says until its first reconciliation; past views show what its events say.
    /// </remarks>
    public static Escalation? AsKnownAt(Escalation escalation, DateTimeOffset knownAt)
    {
        var story = escalation.Events.Where(e => e.Type != EscalationEventType.Acknowledged && e.OccurredAt < knownAt).ToList();
        if (story.Count == 0)
        {
            return null;
        }

        var last = story[^1];
        var status = StatusAfter(last.Type);
        return escalation with
        {
            Level = last.Level,
            LevelName = last.LevelName,
            Status = status,
            OpenedPeriod = story.LastOrDefault(e => e.Type == EscalationEventType.Raised)?.Period ?? escalation.OpenedPeriod,
            LastPeriod = story.LastOrDefault(e => e.Period is not null)?.Period ?? escalation.OpenedPeriod,
            ResolvedAt = status == EscalationStatus.Resolved ? last.OccurredAt : null,
            Notifications = escalation.Notifications.Select(n => AsKnownAt(n, knownAt)).ToList(),
        };
    }

    /// <summary>An email as it stood then: one not yet sent was still waiting, whatever became of it since.</summary>
    private static Notification AsKnownAt(Notification email, DateTimeOffset knownAt) =>
        email.SentAt is { } sent && sent < knownAt
            ? email
            : email with { Status = NotificationStatus.Pending, Attempts = 0, NextAttemptAt = null, LastError = null, MessageId = null, SentAt = null };

    /// <summary>The status an event leaves its escalation in.</summary>
    public static EscalationStatus StatusAfter(EscalationEventType type) => type switch
    {
        EscalationEventType.Resolved => EscalationStatus.Resolved,
        EscalationEventType.Recovering => EscalationStatus.Recovering,
        _ => EscalationStatus.Open,
    };
}
