using MimeKit;
using Microsoft.Extensions.Configuration;

namespace ContractMonitor.Core.Notifications;

/// <summary>
/// The <c>Smtp:*</c> settings of DESIGN §2, and <c>Notifications:BaseUrl</c> for the links in emails.
/// Without <c>Smtp:Host</c> nothing is sent: emails wait in the outbox until a host is configured.
/// </summary>
public sealed record EmailSettings(
    string? Host, int Port, string From, string? UserName, string? Password, bool UseTls, Uri BaseUrl)
{
    public const string DefaultFrom = "ContractMonitor <noreply@contractmonitor.local>";

    public bool CanSend => !string.IsNullOrWhiteSpace(Host);

    public MailboxAddress Sender => MailboxAddress.Parse(From);

    /// <summary>The right-hand side of every Message-Id: the sender's domain.</summary>
    public string MessageIdDomain => Sender.Domain is { Length: > 0 } domain ? domain : "contractmonitor.local";

    public static EmailSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var smtp = configuration.GetSection("Smtp");
        var baseUrl = configuration["Notifications:BaseUrl"];
        return new EmailSettings(
            smtp["Host"],
            smtp.GetValue("Port", 25),
            string.IsNullOrWhiteSpace(smtp["From"]) ? DefaultFrom : smtp["From"]!,
            smtp["UserName"],
            smtp["Password"],
            smtp.GetValue("UseTls", false),
            new Uri(string.IsNullOrWhiteSpace(baseUrl) ? "http://localhost:5080/" : baseUrl, UriKind.Absolute));
    }
}
