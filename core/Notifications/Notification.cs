using ContractMonitor.Contracts.Notifications;

namespace ContractMonitor.Core.Notifications;

/// <summary>One email in the outbox, as the council reads it: to whom, about what, and how its sending went.</summary>
/// <param name="NextAttemptAt">When it will be tried again; only while it is still pending.</param>
internal sealed record Notification(
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
