using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using ContractMonitor.Tests.Security;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Pages;

/// <summary>Issue 17: the contracts list and a contract's dashboard, rendered by the real pipeline from the same reads as the API.</summary>
public sealed class DashboardPageTests(ClockedApiFactory api) : IClassFixture<ClockedApiFactory>
{
    private static readonly DateTimeOffset Today = new(2024, 8, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A1 failing for four months (level 3), B1 on target, C1 within tolerance, D1 with a small cohort.</summary>
    private async Task<Scenario> ContractAsync()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2024, 4, 1));
        foreach (var code in new[] { "A1", "B1", "C1", "D1" })
        {
            await scenario.AddMeasureAsync(code);
            await scenario.SetTargetAsync(code, "2024-25", 60m, 55m);
        }

        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2024-04", 54m), Row("A1", "2024-05", 53m), Row("A1", "2024-06", 52m), Row("A1", "2024-07", 51.3m),
            Row("B1", "2024-07", 70m), Row("C1", "2024-07", 57m), Row("D1", "2024-07", 62.5m, 5, 8))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        return scenario;
    }

    [Fact]
    public async Task TheDashboardSaysInWordsWhereEveryMeasureStands()
    {
        var scenario = await ContractAsync();
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);

        var response = await officer.GetAsync($"/contracts/{scenario.ContractId}?asOf=2024-07-31");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{scenario.Contract.Reference} dashboard – ContractMonitor", PageSession.TitleOf(html));
        Assert.Contains("2 of 4 measures on target, 1 within tolerance, 1 failing.", Squash(html), StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--red\">Failing</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"govuk-tag govuk-tag--yellow\">Within tolerance</strong>", html, StringComparison.Ordinal);
        Assert.Contains("51.3%", html, StringComparison.Ordinal);
        Assert.Contains("Sustained failure</a>, level 3 (Scrutiny panel), open", html, StringComparison.Ordinal);
        Assert.Contains("Sustained decline</a>, level 1 (Contract manager challenge meeting), open", html, StringComparison.Ordinal);
        Assert.Contains("small cohort: indicative", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#main-content\" class=\"govuk-skip-link\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARecoveringEscalationCountsAsOpenAndTheLineSaysItIsRecovering()
    {
        api.Clock.Now = Today;
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2024, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2024-25", 60m, 55m);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2024-04", 50m), Row("A1", "2024-05", 50m), Row("A1", "2024-06", 50m), Row("A1", "2024-07", 61m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var chair = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);

        var html = await chair.GetStringAsync($"/contracts/{scenario.ContractId}?asOf=2024-07-31");

        Assert.Contains("1 open escalation, 1 of them recovering.", Squash(html), StringComparison.Ordinal);
        Assert.Contains("Sustained failure</a>, level 2 (Director), recovering", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTableCanBeNarrowedToOneRating()
    {
        var scenario = await ContractAsync();
        var chair = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);

        var html = await chair.GetStringAsync($"/contracts/{scenario.ContractId}?asOf=2024-07-31&rating=Failing");

        Assert.Contains("Measure A1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Measure B1", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/split-screen")]
    public async Task ABadAsOfIsInTheErrorSummaryAndTitleAndThePageShowsToday(string page)
    {
        var scenario = await ContractAsync();
        var chair = await PageSession.SignInAsync(api, Role.Panel, scenario.Council);

        var response = await chair.GetAsync($"/contracts/{scenario.ContractId}{page}?asOf=31-07-2024");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Error: ", PageSession.TitleOf(html), StringComparison.Ordinal);
        Assert.Contains("<a href=\"#asOf\">Enter a real date, for example 2026-09-30</a>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"31-07-2024\" aria-describedby=\"asOf-hint asOf-error\"", Squash(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheContractsListLinksToEachDashboardAndShowsNoOtherOrganisationsContracts()
    {
        var scenario = await ContractAsync();
        var other = await Scenario.CreateAsync(api);
        var trust = await PageSession.SignInAsync(api, Role.Provider, scenario.Trust);

        var html = await trust.GetStringAsync("/");

        Assert.Contains($"href=\"/contracts/{scenario.ContractId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/contracts/{other.ContractId}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherOrganisationsContractIsTheNotFoundPage()
    {
        var scenario = await ContractAsync();
        var stranger = await PageSession.SignInAsync(api, Role.Commissioner, "another-council");

        var response = await stranger.GetAsync($"/contracts/{scenario.ContractId}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Page not found – ContractMonitor", PageSession.TitleOf(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ASignedOutVisitorSignsInAndIsBroughtBackToThePageTheyAskedFor()
    {
        var scenario = await ContractAsync();
        var browser = PageSession.Anonymous(api);
        var asked = $"/contracts/{scenario.ContractId}";

        var first = await browser.GetAsync(asked);
        var signIn = await browser.GetAsync(first.Headers.Location!.OriginalString);
        var devSignIn = signIn.Headers.Location!.OriginalString;
        var signedIn = await browser.PostAsync(devSignIn, await PageSession.FormAsync(browser, devSignIn, new()
        {
            ["role"] = "Commissioner",
            ["org"] = scenario.Council,
            ["returnUrl"] = asked,
        }));

        Assert.Equal((HttpStatusCode.Redirect, asked), (signedIn.StatusCode, signedIn.Headers.Location!.OriginalString));
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("contractmonitor=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(asked)).StatusCode);
    }

    [Fact]
    public async Task PagesAllowOnlyTheServicesOwnScriptsAndStyles()
    {
        var scenario = await ContractAsync();
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);

        var page = await officer.GetAsync($"/contracts/{scenario.ContractId}");
        var css = await officer.GetAsync("/lib/govuk-frontend/govuk-frontend.min.css");

        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var scenario = await ContractAsync();
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, scenario.Council);

        var signedOut = await officer.PostAsync("/sign-out", await PageSession.FormAsync(officer, "/", []));

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/")).StatusCode);
    }

    private static string Squash(string html) => System.Text.RegularExpressions.Regex.Replace(html, @"\s+", " ");
}

/// <summary>The Development sign-in does not exist anywhere else.</summary>
public sealed class ProductionSignInTests(ProductionApiFactory api) : IClassFixture<ProductionApiFactory>
{
    [Fact]
    public async Task TheDemoSignInIsNotFoundOutsideDevelopment()
    {
        var browser = PageSession.Anonymous(api);

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/dev/sign-in")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/sign-in")).StatusCode);
    }

    [Fact]
    public void TheSignInCookieIsSecureHttpOnlyAndLaxOutsideDevelopment()
    {
        var signIn = api.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);

        Assert.Equal((CookieSecurePolicy.Always, true, SameSiteMode.Lax), (signIn.Cookie.SecurePolicy, signIn.Cookie.HttpOnly, signIn.Cookie.SameSite));
    }
}

/// <summary>Addresses no route knows, signed in or not: the 404 page for a person, problem details under /api.</summary>
public sealed class UnknownAddressTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/contracts/abc")]
    [InlineData("/no-such-page")]
    public async Task AnUnknownPageIsTheNotFoundPageForAnyone(string url)
    {
        var signedOut = await PageSession.Anonymous(api).GetAsync(url);
        var signedIn = await (await PageSession.SignInAsync(api, Role.Panel, "a-council")).GetAsync(url);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (signedOut.StatusCode, signedIn.StatusCode));
        Assert.Equal("Page not found – ContractMonitor", PageSession.TitleOf(await signedOut.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AnUnknownApiAddressIsNotFoundProblemDetails()
    {
        var response = await api.CreateClient().GetAsync("/api/no-such-thing");

        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }
}

/// <summary>A person signed in to the pages is limited as a signed-in user, not as an anonymous address.</summary>
public sealed class PageRateLimitTests(RateLimitedApiFactory api) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task ASignedInPersonHasTheUsersAllowanceNotTheAnonymousOne()
    {
        // Signing in takes two anonymous requests of three; four pages more would pass five per user only.
        var officer = await PageSession.SignInAsync(api, Role.Commissioner, "a-council");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedApiFactory.UserPermits - 1; i++)
        {
            answers.Add((await officer.GetAsync("/")).StatusCode);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
    }
}
