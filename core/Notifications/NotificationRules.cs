using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Core.Notifications;

/// <summary>
/// Which escalation events are emailed, and how a failed send is retried: exponential back-off
/// from one minute, capped at an hour, for a bounded number of attempts.
/// </summary>
internal static class NotificationRules
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
    /// DESIGN §3.4, news not history: a run's change to an escalation is emailed, once, when it tells
    /// of a raise, a climb, a reopening or a resolution. Held back: a record that opened and resolved
    /// in periods that ended before monitoring began (loading three years of figures does not send
    /// three years of alerts), a record whose failure now runs on as another record, and the one-off
    /// restatement of records written under the old rules. Anything the chairs were told is open
    /// is news when it changes: they hear how it ends.
    /// </summary>
    public static bool IsNews(EscalationChange change, ContractTerms terms)
    {
        if (!change.Events.Any(e => IsEmailed(e.Type)))
        {
            return false;
        }

        switch (change)
        {
            case Withdraw withdraw:
                return withdraw.WasOpen && withdraw.ContinuedOn is null && !withdraw.Escalation.IsLegacy;
            case Advance { Escalation.IsLegacy: true }:
                return false;
            case Advance { Escalation.Status: not EscalationStatus.Resolved }:
                return true;
        }

        var episode = change switch { Advance a => a.Episode, Create c => c.Episode, _ => null };
        return episode is not { ResolvedPeriod: { } resolved } || !terms.IsHistory(episode.OpenedPeriod) || !terms.IsHistory(resolved);
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
