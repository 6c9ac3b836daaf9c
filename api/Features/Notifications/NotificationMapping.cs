using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Notifications;

namespace ContractMonitor.Api.Features.Notifications;

/// <summary>Core's outbox rows in the shape the API promises.</summary>
internal static class NotificationMapping
{
    public static NotificationResponse ToResponse(this Notification n) => new(
        n.Id, n.Kind, n.EscalationId, n.EventId, n.DigestMonth, n.Recipient, n.RecipientName, n.RecipientRole, n.Subject, n.Status, n.Attempts,
        n.NextAttemptAt, n.LastError, n.MessageId, n.CreatedAt, n.SentAt);
}
