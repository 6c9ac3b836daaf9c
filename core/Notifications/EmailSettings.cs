using MimeKit;
using Microsoft.Extensions.Configuration;

namespace ContractMonitor.Core.Notifications;

/// <summary>
/// The <c>Smtp:*</c> settings of DESIGN §2, and <c>Notifications:BaseUrl</c> for the links in emails.
/// Without <c>Smtp:Host</c> nothing is sent: emails wait in the outbox until a host is configured.
/// </summary>
internal sealed record EmailSettings(
    string? Host, int Port, string From, string? UserName, string? Password, bool UseTls, Uri BaseUrl)
{
    public const string DefaultFrom = "ContractMonitor <noreply@contractmonitor.local>";

    public bool CanSend => !string.IsNullOrWhiteSpace(Host);

    public MailboxAddress Sender => MailboxAddress.Parse(From);

    /// <summary>The right-hand side of every Message-Id: the sender's domain.</summary>
    public string MessageIdDomain => Sender.Domain is { Length: > 0 } domain ? domain : "contractmonitor.local";

    /// <exception cref="InvalidOperationException">A setting cannot be used; the message names it.</exception>
    public static EmailSettings Read(IConfiguration configuration)
    {
        var smtp = configuration.GetSection("Smtp");
        var from = string.IsNullOrWhiteSpace(smtp["From"]) ? DefaultFrom : smtp["From"]!;
        if (!MailboxAddress.TryParse(from, out _))
        {
            throw new InvalidOperationException($"Smtp:From '{from}' is not an address such as 'ContractMonitor <monitor@council.gov.uk>'.");
        }

        var baseUrl = configuration["Notifications:BaseUrl"];
        baseUrl = string.IsNullOrWhiteSpace(baseUrl) ? "http://localhost:5080/" : baseUrl.Trim();
        // Links are made relative to it, so it must end with a slash or its last segment is lost.
        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Notifications:BaseUrl '{baseUrl}' is not an http(s) address such as https://monitor.council.gov.uk/.");
        }

        return new EmailSettings(
            smtp["Host"], smtp.GetValue("Port", 25), from, smtp["UserName"], smtp["Password"], smtp.GetValue("UseTls", false), root);
    }
}
