using ContractMonitor.Contracts.Escalations;

namespace ContractMonitor.Core.Notifications;

/// <summary>
/// Which escalation events are emailed, and how a failed send is retried: exponential back-off
/// from one minute, capped at an hour, for a bounded number of attempts.
/// </summary>
public static class NotificationRules
{
    public const int MaxAttempts = 8;

    private static readonly TimeSpan FirstRetry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    /// <summary>A claim lapses after this, so a dispatcher that died mid-send does not hold its rows for ever.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    /// <summary>A dispatcher stops this long before its lease lapses: more than one send's timeout.</summary>
    public static readonly TimeSpan LeaseMargin = TimeSpan.FromMinutes(1);

    /// <summary>DESIGN §3.4: Raised, Escalated, Reopened and Resolved are emailed; Recovering and Acknowledged are not.</summary>
    public static bool IsEmailed(EscalationEventType type) =>
        type is EscalationEventType.Raised or EscalationEventType.Escalated or EscalationEventType.Reopened or EscalationEventType.Resolved;

    /// <summary>
    /// The event of an escalation that one evaluation run emails: the last emailed type among the
    /// run's events, so a run that moves an escalation twice sends one message with where it stands,
    /// and every escalation is emailed at least once, even one a batch of late returns opens and
    /// resolves in a single run. The exception is history: an escalation that a measure's first
    /// evaluation both opens and resolves is recorded, not emailed, so loading three years of figures
    /// at once does not send three years of alerts.
    /// </summary>
    /// <param name="history">Opened and resolved by the measure's first evaluation.</param>
    public static T? NewsOf<T>(IReadOnlyList<T> runEvents, Func<T, EscalationEventType> typeOf, bool history)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(runEvents);
        ArgumentNullException.ThrowIfNull(typeOf);
        return history ? null : runEvents.LastOrDefault(e => IsEmailed(typeOf(e)));
    }

    /// <summary>When to try again after <paramref name="attempts"/> failed attempts, or null to give up.</summary>
    public static DateTimeOffset? NextAttempt(int attempts, DateTimeOffset now)
    {
        if (attempts >= MaxAttempts)
        {
            return null;
        }

        var wait = FirstRetry * Math.Pow(2, Math.Max(0, attempts - 1));
        return now + (wait < LongestWait ? wait : LongestWait);
    }
}
