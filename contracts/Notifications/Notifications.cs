namespace ContractMonitor.Contracts.Notifications;

/// <summary>What an email is about.</summary>
public enum NotificationKind
{
    /// <summary>An escalation was raised, escalated, reopened or resolved.</summary>
    Escalation,

    /// <summary>The monthly digest to the panel's chair and vice-chair.</summary>
    Digest,

    /// <summary>An agreed exception was agreed, extended or ended (issue 20).</summary>
    Exception,
}

/// <summary>What has happened to an email in the outbox.</summary>
public enum NotificationStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>Claimed by a dispatcher that is sending it now.</summary>
    Sending,

    /// <summary>Accepted by the mail server.</summary>
    Sent,

    /// <summary>Given up: refused by the mail server, or out of attempts. Visible, never silent.</summary>
    Failed,

    /// <summary>About a period the contract waits to see accepted (<c>requireAcceptance</c>): sent once it is (issue 20).</summary>
    Held,
}

/// <summary>Which emails a list shows (<c>status</c> on <c>GET …/notifications</c>).</summary>
public enum NotificationFilter
{
    /// <summary>Every email (the default).</summary>
    All,

    /// <summary>Only those waiting for their next attempt.</summary>
    Pending,

    /// <summary>Only those being sent now.</summary>
    Sending,

    /// <summary>Only those sent.</summary>
    Sent,

    /// <summary>Only those given up on.</summary>
    Failed,

    /// <summary>Only those held until their period is accepted.</summary>
    Held,
}

/// <summary>One email to one recipient, and what has happened to it.</summary>
/// <param name="Id">The email's id, as in <c>…/notifications/{id}/requeue</c>.</param>
/// <param name="Kind">What it is about: Escalation, Digest or Exception.</param>
/// <param name="EscalationId">The escalation it is about; null for a digest or an exception email.</param>
/// <param name="EventId">The escalation event it tells of; null for a digest or an exception email.</param>
/// <param name="DigestMonth">The month a digest reports, such as 2026-11; null for other kinds.</param>
/// <param name="Recipient">The address it goes to, such as <c>chair@doncaster.gov.uk</c>.</param>
/// <param name="RecipientName">The recipient's name: the panel member's, or the ladder level's name for a level's address.</param>
/// <param name="RecipientRole">Chair, ViceChair, or the ladder level (Level 2) whose address it went to.</param>
/// <param name="Subject">The email's subject line; null for an escalation email until its first attempt to send it.</param>
/// <param name="Status">Pending, Sending, Sent, Failed or Held.</param>
/// <param name="Attempts">How many times sending it has been tried; a requeue sets it back to 0.</param>
/// <param name="NextAttemptAt">When it may next be tried (UTC); it matters only while the email is Pending.</param>
/// <param name="LastError">Why the last attempt failed; null when none has failed, or once it is sent.</param>
/// <param name="MessageId">The Message-Id header it was sent with, in angle brackets; null until it is sent.</param>
/// <param name="CreatedAt">When it was written into the outbox (UTC).</param>
/// <param name="SentAt">When the mail server accepted it (UTC); null until it is sent.</param>
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

/// <summary>A contract's emails, as <c>GET …/notifications</c> lists them (the council's side only).</summary>
/// <param name="Notifications">The emails the <c>status</c> filter selects, oldest first.</param>
public sealed record NotificationListResponse(IReadOnlyList<NotificationResponse> Notifications);
