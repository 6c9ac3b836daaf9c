using System.Text.RegularExpressions;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.Notifications;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Playwright;

namespace ContractMonitor.Tests.Pages;

/// <summary>
/// Issue 17: the chair's way in. The escalation email, as the SMTP server received it, carries a
/// link; followed in a browser, it asks the chair to sign in and then shows that escalation.
/// </summary>
public sealed partial class EmailLinkBrowserTests(BrowserEmailApiFactory api, Browsers browsers)
    : IClassFixture<BrowserEmailApiFactory>, IClassFixture<Browsers>
{
    [GeneratedRegex(@"https?://\S+?/escalations/\d+")]
    private static partial Regex EscalationLink();

    [Fact]
    public async Task AChairFollowsTheLinkInTheEscalationEmailSignsInAndLandsOnTheEscalation()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await scenario.FailTwiceAsync("A1");
        await scenario.EvaluateAsync();
        await api.DispatchAsync();
        var email = (await api.Smtp.WaitForAsync(1, m => scenario.Messages()(m) && m.Recipients.Contains(EmailScenario.Chair)))[0];

        var link = EscalationLink().Match(email.Message.TextBody ?? "");
        Assert.True(link.Success, $"No escalation link in: {email.Message.TextBody}");
        var htmlLink = EscalationLink().Match(email.Message.HtmlBody ?? "");
        Assert.True(htmlLink.Success, $"No escalation link in: {email.Message.HtmlBody}");
        Assert.Equal(link.Value, htmlLink.Value);
        var page = await browsers.NewPageAsync(api.BaseUrl);
        await page.GotoAsync(link.Value);

        // Signed out: the sign-in page first, then back to the escalation the email named.
        Assert.Contains("/dev/sign-in", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Role").SelectOptionAsync("Panel");
        await page.GetByLabel("Organisation code").FillAsync(scenario.Council);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        Assert.Equal(link.Value, page.Url);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sustained failure");
    }
}
