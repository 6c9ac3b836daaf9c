using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace ContractMonitor.Core.Notifications;

/// <summary>Sends one message; the seam the dispatcher's unit tests replace.</summary>
internal interface IEmailSender
{
    /// <exception cref="EmailRejectedException">The server refused the message for good (a 5xx reply).</exception>
    /// <exception cref="EmailDeferredException">The server put this message off (a 4xx reply); others may go.</exception>
    /// <remarks>Any other exception means the server could not be reached; the message is retried.</remarks>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>The mail server refused the message with a permanent (5xx) reply: retrying cannot help.</summary>
internal sealed class EmailRejectedException(string message, Exception inner) : Exception(message, inner);

/// <summary>The mail server put this message off with a transient (4xx) reply: it is retried, and the next message may go.</summary>
internal sealed class EmailDeferredException(string message, Exception inner) : Exception(message, inner);

/// <summary>
/// MailKit over SMTP, one connection per message: a council sends tens of emails a day, and a fresh
/// connection per message means one broken message or connection never affects the next.
/// </summary>
internal sealed class SmtpEmailSender(EmailSettings settings) : IEmailSender
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)Timeout.TotalMilliseconds };
        await client.ConnectAsync(settings.Host ?? throw new InvalidOperationException("Smtp:Host is not set."), settings.Port,
            Security(settings), cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }

        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500)
        {
            throw new EmailRejectedException($"{(int)ex.StatusCode} {ex.Message}", ex);
        }
        catch (SmtpCommandException ex)
        {
            throw new EmailDeferredException($"{(int)ex.StatusCode} {ex.Message}", ex);
        }

        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    /// <summary>With <c>UseTls</c>, TLS is required: from the start on port 465, by STARTTLS elsewhere.</summary>
    private static SecureSocketOptions Security(EmailSettings settings) => settings switch
    {
        { UseTls: false } => SecureSocketOptions.None,
        { Port: 465 } => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
