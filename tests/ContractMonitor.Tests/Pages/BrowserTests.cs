using System.Net.Http.Json;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Pages;

/// <summary>
/// Issue 17 in a real browser: signing in through the form, the pages as each role sees them, axe
/// (WCAG 2.2 AA) on every page in every role that can see it, and a flow done by keyboard alone.
/// Screenshots go to <c>screenshots/</c> beside the test assembly, for a reviewer to look at.
/// </summary>
public sealed class BrowserTests(BrowserApiFactory api, Browsers browsers) : IClassFixture<BrowserApiFactory>, IClassFixture<Browsers>
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];

    private async Task<Scenario> ContractAsync()
    {
        api.Clock.Now = new DateTimeOffset(2024, 8, 20, 9, 0, 0, TimeSpan.Zero);
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2024, 4, 1));
        foreach (var code in new[] { "A1", "B1", "C1" })
        {
            await scenario.AddMeasureAsync(code);
            await scenario.SetTargetAsync(code, "2024-25", 60m, 55m);
        }

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2024-05", 54m), Row("A1", "2024-06", 52m), Row("A1", "2024-07", 50m),
            Row("B1", "2024-07", 70m), Row("C1", "2024-07", 57.1m, 4, 7, "Four of seven: a small cohort this month."))).EnsureSuccessStatusCode();
        var challenge = await scenario.ChallengeAsync("A1", "2024-07", "Third month below target: what is the recovery plan?");
        await scenario.RespondAsync(challenge.Id, "Agency cover starts on 10 August.");
        await scenario.EvaluateAsync();
        return scenario;
    }

    /// <summary>Signs in through the Development form as <paramref name="role"/> of <paramref name="org"/>.</summary>
    private async Task<IPage> SignedInAsync(Role role, string org)
    {
        var page = await browsers.NewPageAsync(api.BaseUrl);
        await page.GotoAsync("/dev/sign-in");
        await page.GetByLabel("Role").SelectOptionAsync(role.ToString());
        await page.GetByLabel("Organisation code").FillAsync(org);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        return page;
    }

    private static async Task NoViolationsAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        Assert.True(result.Violations.Length == 0, $"{what}: " + string.Join("; ", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    [Fact]
    public async Task EveryPageHasNoAccessibilityViolationsForEveryRoleThatCanSeeIt()
    {
        var scenario = await ContractAsync();
        (await scenario.Commissioner.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/papers",
            new Contracts.Papers.PublishPaperRequest("2024-25-Q1", new DateOnly(2024, 9, 10), "Quarter one"), Contracts.JsonDefaults.Web)).EnsureSuccessStatusCode();

        var visitor = await browsers.NewPageAsync(api.BaseUrl);
        await visitor.GotoAsync("/dev/sign-in");
        await NoViolationsAsync(visitor, "the sign-in page");

        foreach (var role in new[] { Role.Admin, Role.Commissioner, Role.Panel, Role.Provider })
        {
            var page = await SignedInAsync(role, role == Role.Provider ? scenario.Trust : scenario.Council);
            var titles = new List<string>();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contracts" })).ToBeVisibleAsync();
            await NoViolationsAsync(page, $"the contracts list as {role}");
            titles.Add(await page.TitleAsync());

            await page.GotoAsync($"/contracts/{scenario.ContractId}?asOf=2024-07-31");
            await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("1 of 3 measures on target, 1 within tolerance, 1 failing");
            await NoViolationsAsync(page, $"the dashboard as {role}");
            titles.Add(await page.TitleAsync());

            await page.GotoAsync($"/contracts/{scenario.ContractId}/measures/A1");
            await Assertions.Expect(page.Locator("svg[aria-labelledby='chart-title chart-description']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("svg[aria-labelledby='spc-title spc-description']")).ToBeVisibleAsync();
            await NoViolationsAsync(page, $"a measure as {role}");
            titles.Add(await page.TitleAsync());

            await page.GotoAsync($"/contracts/{scenario.ContractId}/split-screen?asOf=2024-07-31");
            await Assertions.Expect(page.Locator("#measure-A1")).ToBeVisibleAsync();
            await NoViolationsAsync(page, $"the split screen as {role}");
            titles.Add(await page.TitleAsync());

            await page.Locator("a[href^='/challenges/']").First.ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("challenge");
            await NoViolationsAsync(page, $"a challenge as {role}");
            titles.Add(await page.TitleAsync());

            await page.GotoAsync($"/contracts/{scenario.ContractId}/papers");
            await NoViolationsAsync(page, $"the panel papers as {role}");
            titles.Add(await page.TitleAsync());
            await page.GetByRole(AriaRole.Link, new() { Name = "Quarter one" }).ClickAsync();
            await Assertions.Expect(page.Locator("#paper-summary")).ToContainTextAsync("of the 3 measures");
            await NoViolationsAsync(page, $"a published paper as {role}");
            titles.Add(await page.TitleAsync());

            if (role is Role.Admin or Role.Commissioner)
            {
                await page.GotoAsync($"/contracts/{scenario.ContractId}/papers/preview?period=2024-25-Q1");
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Publish this paper" })).ToBeVisibleAsync();
                await NoViolationsAsync(page, $"a paper's preview as {role}");
                titles.Add(await page.TitleAsync());
                await page.GotoAsync($"/contracts/{scenario.ContractId}/papers/preview?period=2024-07");
                await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
                await NoViolationsAsync(page, $"a paper's preview with an error as {role}");
            }
            else
            {
                // The page a role may not see: the same look, and accessible too.
                await page.GotoAsync($"/contracts/{scenario.ContractId}/papers/preview?period=2024-25-Q1");
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
                await NoViolationsAsync(page, $"the forbidden page as {role}");
                titles.Add(await page.TitleAsync());
            }

            await page.GotoAsync($"/contracts/{scenario.ContractId}?asOf=nonsense");
            await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
            await NoViolationsAsync(page, $"the dashboard with a wrong date as {role}");

            await page.GotoAsync($"/contracts/{scenario.ContractId}/escalations?status=All");
            await NoViolationsAsync(page, $"the escalations list as {role}");
            titles.Add(await page.TitleAsync());

            await page.Locator("table a.govuk-link").First.ClickAsync();
            await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("Raised");
            await NoViolationsAsync(page, $"an escalation as {role}");
            titles.Add(await page.TitleAsync());

            await page.GotoAsync("/contracts/999999");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
            await NoViolationsAsync(page, $"the not-found page as {role}");
            titles.Add(await page.TitleAsync());
            await page.Context.CloseAsync();

            // Every page visited has a title of its own, one no other page has.
            Assert.True(titles.Count == titles.Distinct(StringComparer.Ordinal).Count(), $"{role}: " + string.Join(" | ", titles));
        }
    }

    [Fact]
    public async Task AnOfficerCanSignInAndReachTheDashboardByKeyboardAlone()
    {
        var scenario = await ContractAsync();
        var page = await browsers.NewPageAsync(api.BaseUrl);
        await page.GotoAsync($"/contracts/{scenario.ContractId}?asOf=2024-07-31");

        // Signed out, the dashboard sends the officer to sign in first. The skip link comes first.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await TabToAsync(page, "#role");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "#org");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(scenario.Council);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator("#summary")).ToContainTextAsync("1 of 3 measures on target");
        Assert.EndsWith($"/contracts/{scenario.ContractId}?asOf=2024-07-31", page.Url, StringComparison.Ordinal);
        await TabToAsync(page, "#rating");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, "button.govuk-button:not(.govuk-button--secondary)");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#measures tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#measures tbody")).ToContainTextAsync("Failing");
    }

    [Fact]
    public async Task AnOfficerWritesAChallengeTheTrustRespondsAndBothAppearOnTheSplitScreen()
    {
        var scenario = await ContractAsync();
        var officer = await SignedInAsync(Role.Commissioner, scenario.Council);
        await officer.GotoAsync($"/contracts/{scenario.ContractId}/measures/B1");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Challenge a figure" }).ClickAsync();
        await NoViolationsAsync(officer, "the new challenge form");
        await officer.GetByLabel("What does the council question about the figure?").FillAsync("Is July's rise sustainable?");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Write the challenge" }).ClickAsync();
        await Assertions.Expect(officer.Locator(".govuk-notification-banner")).ToContainTextAsync("written");
        await NoViolationsAsync(officer, "a challenge as the council");
        var challengeUrl = officer.Url.Split('?')[0];

        var trust = await SignedInAsync(Role.Provider, scenario.Trust);
        await trust.GotoAsync(challengeUrl);
        await trust.GetByLabel("The trust's response").FillAsync("Two agency staff joined in July; both stay until March.");
        await trust.GetByRole(AriaRole.Button, new() { Name = "Send the response" }).ClickAsync();
        await Assertions.Expect(trust.Locator(".govuk-notification-banner")).ToContainTextAsync("response has been recorded");
        await NoViolationsAsync(trust, "a challenge as the trust");

        await officer.GotoAsync($"/contracts/{scenario.ContractId}/split-screen?asOf=2024-07-31");
        var b1 = officer.Locator("#measure-B1").Locator("..");
        await Assertions.Expect(b1).ToContainTextAsync("Is July's rise sustainable?");
        await Assertions.Expect(b1).ToContainTextAsync("Two agency staff joined in July; both stay until March.");
    }

    [Fact]
    public async Task ADataLeadUploadsACsvWithTwoBadRowsSeesBothThenFixesThemAndSeesTheConfirmation()
    {
        var scenario = await ContractAsync();
        var page = await SignedInAsync(Role.Provider, scenario.Trust);
        await page.GotoAsync($"/contracts/{scenario.ContractId}?asOf=2024-07-31");
        await page.GetByRole(AriaRole.Link, new() { Name = "Send figures" }).ClickAsync();
        await NoViolationsAsync(page, "the upload page");

        static FilePayload Csv(string text) => new() { Name = "returns.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(text) };
        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("measureCode,period,value\nB1,2024-06,71\nB1,2024-13,70\nQ9,2024-07,50\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary li")).ToHaveCountAsync(2);
        await NoViolationsAsync(page, "the upload page with errors");

        await page.GetByLabel("CSV file").SetInputFilesAsync(Csv("measureCode,period,value\nB1,2024-06,71\nB1,2024-07,70\nC1,2024-06,58.0\n"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-panel")).ToContainTextAsync("2 stored, 1 unchanged");
        await NoViolationsAsync(page, "the upload confirmation");
    }

    [Fact]
    public async Task AnOfficerAcknowledgesAnEscalationByKeyboard()
    {
        var scenario = await ContractAsync();
        var page = await SignedInAsync(Role.Commissioner, scenario.Council);
        await page.GotoAsync($"/contracts/{scenario.ContractId}?asOf=2024-07-31");

        // By keyboard alone, from the dashboard's link to the acknowledgement.
        await TabToAsync(page, "a[href^='/escalations/']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Sustained failure");
        await TabToAsync(page, "main form[method=post] button.govuk-button");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Say what the council is doing about it");
        await NoViolationsAsync(page, "an escalation with an error");
        // The error summary has the focus; its link takes it to the field.
        await TabToAsync(page, ".govuk-error-summary a[href='#note']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#note")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("On the agenda for Tuesday's challenge meeting.");
        await TabToAsync(page, "main form[method=post] button.govuk-button");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("acknowledgement has been recorded");
        await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("On the agenda for Tuesday's challenge meeting.");
    }

    [Fact]
    public async Task AnOfficerPreviewsAndPublishesThePanelsPaperAndItPrintsWithoutTheForms()
    {
        var scenario = await ContractAsync();
        var page = await SignedInAsync(Role.Commissioner, scenario.Council);
        await page.GotoAsync($"/contracts/{scenario.ContractId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Panel papers" }).ClickAsync();
        // The quarter just ended is offered: on 20 August 2024, Q1 2024-25.
        await Assertions.Expect(page.GetByLabel("Period the paper reports")).ToHaveValueAsync("2024-25-Q1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the paper" }).ClickAsync();
        await Assertions.Expect(page.Locator("#paper-summary")).ToContainTextAsync("of the 3 measures were on target");
        await Assertions.Expect(page.Locator("#exception-A1")).ToBeVisibleAsync();

        await page.GetByLabel("Title").FillAsync("Children's services, quarter one");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Enter the day the panel meets");
        await page.GetByLabel("Meeting date").FillAsync("2024-09-10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("has been published");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Children's services, quarter one");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the paper as published" }).ClickAsync());
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Withdraw this paper" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#exception-A1")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "paper-print.png"), FullPage = true });
    }

    [Fact]
    public async Task TheDashboardIsPhotographedForAReviewer()
    {
        var scenario = await ContractAsync();
        var page = await SignedInAsync(Role.Commissioner, scenario.Council);
        await page.GotoAsync($"/contracts/{scenario.ContractId}?asOf=2024-07-31");

        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        await page.GotoAsync($"/contracts/{scenario.ContractId}/measures/A1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "measure.png"), FullPage = true });
        await page.GotoAsync($"/contracts/{scenario.ContractId}/split-screen?asOf=2024-07-31");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "split-screen.png"), FullPage = true });
        // As the panel's paper prints: no controls, no navigation.
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(page.Locator("form.app-no-print")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "split-screen-print.png"), FullPage = true });
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });
        await page.GotoAsync($"/contracts/{scenario.ContractId}?asOf=2024-07-31");

        Assert.True(new FileInfo(path).Length > 10_000, $"{path} is too small to be a page");
        // The GOV.UK stylesheet arrived: a red tag is red, not the browser's default.
        Assert.NotEqual("rgba(0, 0, 0, 0)", await page.Locator(".govuk-tag--red").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
    }

    /// <summary>Presses Tab until the focus is on <paramref name="selector"/>; fails if it never gets there.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector}.");
    }
}
