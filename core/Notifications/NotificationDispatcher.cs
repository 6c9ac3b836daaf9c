using System.Globalization;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Periods;
using Dapper;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace ContractMonitor.Core.Notifications;

/// <summary>What one dispatch run did.</summary>
internal sealed record DispatchOutcome(int Sent, int Retrying, int Failed)
{
    public static DispatchOutcome None { get; } = new(0, 0, 0);

    public DispatchOutcome Add(DispatchOutcome other) => new(Sent + other.Sent, Retrying + other.Retrying, Failed + other.Failed);
}

/// <summary>
/// Sends the outbox. Rows are claimed by compare-and-set (a token and a lease), so two dispatchers
/// never send the same row; each row is marked as soon as its message is sent.
/// <para>
/// The at-least-once window: a dispatcher that dies after the server accepted a message but before
/// the row was marked Sent leaves the row claimed; when the lease lapses
/// (<see cref="NotificationRules.ClaimLease"/>) another dispatcher sends it again. The resend
/// carries the same Message-Id and the same content, so mail clients and archives can see it is
/// the same message. No message is lost, and at most that one can arrive twice.
/// </para>
/// </summary>
internal sealed partial class NotificationDispatcher(
    Database database, IEmailSender sender, EmailSettings settings, TimeProvider clock, ILogger<NotificationDispatcher> logger)
{
    public const int BatchSize = 20;

    private int warnedNotConfigured;

    // A bound on one run, so a run always ends; the next run carries on.
    private const int MaxBatches = 50;

    private static readonly DialectSql ClaimSql = new(
        SqlServer: """
            UPDATE TOP (@BatchSize) Notifications WITH (ROWLOCK, READPAST, UPDLOCK)
            SET Status = 'Sending', ClaimToken = @Token, ClaimedUntil = @Until, Attempts = Attempts + 1
            WHERE (Status = 'Pending' AND NextAttemptAt <= @Now) OR (Status = 'Sending' AND ClaimedUntil < @Now)
            """,
        Sqlite: """
            UPDATE Notifications
            SET Status = 'Sending', ClaimToken = @Token, ClaimedUntil = @Until, Attempts = Attempts + 1
            WHERE Id IN (
                SELECT Id FROM Notifications
                WHERE (Status = 'Pending' AND NextAttemptAt <= @Now) OR (Status = 'Sending' AND ClaimedUntil < @Now)
                ORDER BY Id
                LIMIT @BatchSize)
            """);

    private const string ClaimedSql = """
        SELECT Id, Kind, EventId, Recipient, RecipientName, MessageKey, Subject, TextBody, HtmlBody, Attempts
        FROM Notifications
        WHERE ClaimToken = @Token
        ORDER BY Id
        """;

    private const string BacklogSql = "SELECT COUNT(*) FROM Notifications WHERE Status IN ('Pending', 'Sending')";

    /// <summary>Sends every row that is due, in batches, until none is left; then counts what it did and what still waits.</summary>
    public async Task<DispatchOutcome> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var outcome = await DispatchBatchesAsync(cancellationToken);
        Telemetry.ServiceMetrics.Dispatched(outcome.Sent, outcome.Retrying, outcome.Failed);
        await using var connection = await database.OpenAsync(cancellationToken);
        Telemetry.ServiceMetrics.Backlog(await connection.ExecuteScalarAsync<long>(new CommandDefinition(BacklogSql, cancellationToken: cancellationToken)));
        return outcome;
    }

    private async Task<DispatchOutcome> DispatchBatchesAsync(CancellationToken cancellationToken)
    {
        if (!settings.CanSend)
        {
            // Once per process: the dispatch runs every minute.
            if (Interlocked.Exchange(ref warnedNotConfigured, 1) == 0)
            {
                Log.NotConfigured(logger);
            }

            return DispatchOutcome.None;
        }

        var outcome = DispatchOutcome.None;
        for (var batch = 0; batch < MaxBatches; batch++)
        {
            var token = Guid.NewGuid().ToString("N");
            var now = clock.GetUtcNow();
            IReadOnlyList<ClaimedRow> claimed;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                await connection.ExecuteAsync(new CommandDefinition(database.Dialect[ClaimSql], new
                {
                    BatchSize,
                    Token = token,
                    Now = now,
                    Until = now + NotificationRules.ClaimLease,
                }, cancellationToken: cancellationToken));
                claimed = (await connection.QueryAsync<ClaimedRow>(new CommandDefinition(
                    ClaimedSql, new { Token = token }, cancellationToken: cancellationToken))).ToList();
            }

            if (claimed.Count == 0)
            {
                break;
            }

            // Stop well inside the lease: past it another dispatcher may take the rows, and both
            // would send them.
            var deadline = now + NotificationRules.ClaimLease - NotificationRules.LeaseMargin;
            foreach (var row in claimed)
            {
                if (clock.GetUtcNow() > deadline)
                {
                    await ReleaseAsync(token, cancellationToken);
                    return outcome;
                }

                var (sent, serverDown) = await SendAsync(row, token, cancellationToken);
                outcome = outcome.Add(sent);
                if (serverDown)
                {
                    // The rest of the batch would only wait for the same timeout, one by one.
                    await ReleaseAsync(token, cancellationToken);
                    return outcome;
                }
            }
        }

        return outcome;
    }

    // The claim is undone as if it had never been made: an untried row has not used an attempt.
    private const string ReleaseSql = """
        UPDATE Notifications
        SET Status = 'Pending', ClaimToken = NULL, ClaimedUntil = NULL, Attempts = Attempts - 1
        WHERE ClaimToken = @Token AND Status = 'Sending'
        """;

    private async Task ReleaseAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ReleaseSql, new { Token = token }, cancellationToken: cancellationToken));
    }

    /// <returns>What became of the row, and whether the server could not be reached at all.</returns>
    private async Task<(DispatchOutcome Outcome, bool ServerDown)> SendAsync(ClaimedRow row, string token, CancellationToken cancellationToken)
    {
        try
        {
            var content = await ContentOfAsync(row, cancellationToken);
            var message = Message(row, content);
            await sender.SendAsync(message, cancellationToken);
            await MarkAsync(row, token, NotificationStatus.Sent, null, null, message.MessageId, cancellationToken);
            return (new DispatchOutcome(1, 0, 0), false);
        }
        catch (EmailRejectedException ex)
        {
            Log.Rejected(logger, row.Id, ex.Message);
            await MarkAsync(row, token, NotificationStatus.Failed, null, ex.Message, null, cancellationToken);
            return (new DispatchOutcome(0, 0, 1), false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var next = NotificationRules.NextAttempt(row.Attempts, clock.GetUtcNow());
            Log.NotSent(logger, ex, row.Id, row.Attempts, next);
            var error = next is null
                ? string.Create(CultureInfo.InvariantCulture, $"Gave up after {row.Attempts} attempts: {ex.Message}")
                : ex.Message;
            await MarkAsync(row, token, next is null ? NotificationStatus.Failed : NotificationStatus.Pending, next, error, null, cancellationToken);
            return (next is null ? new DispatchOutcome(0, 0, 1) : new DispatchOutcome(0, 1, 0), ex is not EmailDeferredException);
        }
    }

    private const string StoreContentSql = """
        UPDATE Notifications SET Subject = @Subject, TextBody = @Text, HtmlBody = @Html WHERE Id = @Id AND Subject IS NULL
        """;

    /// <summary>The content stored by an earlier attempt, or rendered now and stored, so every attempt sends the same message.</summary>
    private async Task<EmailContent> ContentOfAsync(ClaimedRow row, CancellationToken cancellationToken)
    {
        if (row is { Subject: { } subject, TextBody: { } text, HtmlBody: { } html })
        {
            return new EmailContent(subject, text, html);
        }

        var eventId = row.EventId ?? throw new InvalidOperationException($"Notification {row.Id} has neither content nor an event.");
        await using var connection = await database.OpenAsync(cancellationToken);
        var model = await EscalationEmailReader.ReadAsync(connection, eventId, UkCalendar.Today(clock), cancellationToken);
        var content = EscalationEmail.Render(model, settings.BaseUrl);
        await connection.ExecuteAsync(new CommandDefinition(StoreContentSql, new
        {
            row.Id,
            content.Subject,
            content.Text,
            content.Html,
        }, cancellationToken: cancellationToken));
        return content;
    }

    private MimeMessage Message(ClaimedRow row, EmailContent content)
    {
        var message = new MimeMessage
        {
            Subject = EmailText.OneLine(content.Subject),
            MessageId = $"{row.MessageKey}@{settings.MessageIdDomain}",
            Date = clock.GetUtcNow(),
            Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody(),
        };
        message.From.Add(settings.Sender);
        message.To.Add(new MailboxAddress(EmailText.OneLine(row.RecipientName), row.Recipient));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        return message;
    }

    // Only the claim's holder may mark the row: a dispatcher whose lease lapsed cannot overwrite
    // the outcome of the one that took the row over.
    private const string MarkSql = """
        UPDATE Notifications
        SET Status = @Status, NextAttemptAt = COALESCE(@NextAttemptAt, NextAttemptAt), LastError = @LastError,
            MessageId = COALESCE(@MessageId, MessageId), SentAt = @SentAt, ClaimToken = NULL, ClaimedUntil = NULL
        WHERE Id = @Id AND ClaimToken = @Token
        """;

    private async Task MarkAsync(
        ClaimedRow row, string token, NotificationStatus status, DateTimeOffset? next, string? error, string? messageId,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(MarkSql, new
        {
            row.Id,
            Token = token,
            Status = status.ToString(),
            NextAttemptAt = next,
            LastError = error is null ? null : EmailText.OneLine(error.Length > 1000 ? error[..1000] : error),
            MessageId = messageId is null ? null : $"<{messageId}>",
            SentAt = status == NotificationStatus.Sent ? clock.GetUtcNow() : (DateTimeOffset?)null,
        }, cancellationToken: cancellationToken));
    }

    private sealed record ClaimedRow
    {
        public long Id { get; init; }
        public string Kind { get; init; } = "";
        public long? EventId { get; init; }
        public string Recipient { get; init; } = "";
        public string RecipientName { get; init; } = "";
        public string MessageKey { get; init; } = "";
        public string? Subject { get; init; }
        public string? TextBody { get; init; }
        public string? HtmlBody { get; init; }
        public int Attempts { get; init; }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Smtp:Host is not set: emails wait in the outbox until it is")]
        public static partial void NotConfigured(ILogger logger);

        [LoggerMessage(2, LogLevel.Error, "Notification {Id} was refused by the mail server and will not be retried: {Reason}")]
        public static partial void Rejected(ILogger logger, long id, string reason);

        [LoggerMessage(3, LogLevel.Warning, "Notification {Id} was not sent on attempt {Attempt}; next attempt {NextAttemptAt}")]
        public static partial void NotSent(ILogger logger, Exception exception, long id, int attempt, DateTimeOffset? nextAttemptAt);
    }
}
