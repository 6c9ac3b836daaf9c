using System.Data.Common;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Panel;
using Dapper;

namespace ContractMonitor.Core.Notifications;

/// <summary>
/// One message, rendered when written, to the panel's chair and vice-chair, into the outbox in the
/// caller's transaction: the monthly digest and an agreed exception's steps. Escalation emails differ:
/// they go to the ladder's addresses too, and are rendered on their first attempt (EscalationOutbox).
/// </summary>
internal static class ChairEmails
{
    private const string InsertSql = """
        INSERT INTO Notifications (ContractId, Kind, DigestMonth, Recipient, RecipientName, RecipientRole, MessageKey,
                                   Subject, TextBody, HtmlBody, Status, Attempts, NextAttemptAt, CreatedAt)
        VALUES (@ContractId, @Kind, @DigestMonth, @Recipient, @RecipientName, @RecipientRole, @MessageKey,
                @Subject, @TextBody, @HtmlBody, @Status, 0, @Now, @Now)
        """;

    /// <param name="digestMonth">The month a digest reports, which its unique key holds to one per recipient; null for other kinds.</param>
    /// <returns>The emails written: one per chair.</returns>
    public static async Task<int> WriteAsync(
        DbTransaction transaction, long contractId, NotificationKind kind, EmailContent content, DateTimeOffset now, string? digestMonth,
        CancellationToken cancellationToken)
    {
        var chairs = await PanelStore.ChairsAsync(transaction, contractId, cancellationToken);
        var rows = chairs.Select(c => new
        {
            ContractId = contractId,
            Kind = kind.ToString(),
            DigestMonth = digestMonth,
            Recipient = c.Email,
            RecipientName = c.Name,
            RecipientRole = c.Role.ToString(),
            MessageKey = Guid.NewGuid().ToString("N"),
            content.Subject,
            TextBody = content.Text,
            HtmlBody = content.Html,
            Status = nameof(NotificationStatus.Pending),
            Now = now,
        }).ToList();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertSql, rows, transaction, cancellationToken: cancellationToken));
        return rows.Count;
    }
}
