namespace ContractMonitor.Contracts.Notifications;

public enum NotificationKind
{
    Escalation,
    Digest,

    /// <summary>An agreed exception was agreed, extended or ended (issue 20).</summary>
    Exception,
}

public enum NotificationStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>Claimed by a dispatcher that is sending it now.</summary>
    Sending,

    Sent,

    /// <summary>Given up: refused by the mail server, or out of attempts. Visible, never silent.</summary>
    Failed,

    /// <summary>About a period the contract waits to see accepted (<c>requireAcceptance</c>): sent once it is (issue 20).</summary>
    Held,
}

public enum NotificationFilter
{
    All,
    Pending,
    Sending,
    Sent,
    Failed,
    Held,
}

/// <summary>One email to one recipient, and what has happened to it.</summary>
/// <param name="EventId">The escalation event it tells of; null for a digest.</param>
/// <param name="DigestMonth">The month a digest reports, such as 2026-11; null for an escalation email.</param>
/// <param name="RecipientRole">Chair, ViceChair, or the ladder level (Level 2) whose address it went to.</param>
public sealed record NotificationResponse(
    long Id,
    NotificationKind Kind,
    long? EscalationId,
    long? EventId,
    string? DigestMonth,
    string Recipient,
    string RecipientName,
    string RecipientRole,
    string? Subject,
    NotificationStatus Status,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    string? LastError,
    string? MessageId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt);

public sealed record NotificationListResponse(IReadOnlyList<NotificationResponse> Notifications);
