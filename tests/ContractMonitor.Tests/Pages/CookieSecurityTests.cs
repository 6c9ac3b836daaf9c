using System.Net;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;
using ContractMonitor.Tests.Security;

namespace ContractMonitor.Tests.Pages;

/// <summary>Production behind a proxy that ends TLS and says so in X-Forwarded-Proto.</summary>
public sealed class BehindProxyApiFactory : ApiFactory
{
    protected override string Environment => "Production";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["ForwardedHeaders_Enabled"] = "true" };
}

/// <summary>Every cookie a page sets outside Development is Secure and HttpOnly, the form token's as well as the sign-in's.</summary>
public sealed class CookieSecurityTests(ProductionApiFactory api) : IClassFixture<ProductionApiFactory>
{
    [Fact]
    public async Task TheFormTokenCookieIsSecureAndHttpOnlyInProduction()
    {
        // Any signed-in page carries the sign-out form, and so the form token.
        var response = await PageSession.WithSignInCookie(api, Role.Panel, "a-council").GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("contractmonitor.antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class BehindProxyTests(BehindProxyApiFactory api) : IClassFixture<BehindProxyApiFactory>
{
    [Fact]
    public async Task APlainHttpRequestThatTheProxyReceivedOverTlsGetsTheFormAndItsSecureCookie()
    {
        // The factory's client speaks plain http, as the api hears a TLS-terminating proxy.
        var browser = PageSession.WithSignInCookie(api, Role.Panel, "a-council");
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var response = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("contractmonitor.antiforgery=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UnderAPathTheProxySaysEveryLinkFormAndRedirectKeepsIt()
    {
        var world = await AuthorisationWorld.CreateAsync(api);
        var browser = PageSession.WithSignInCookie(api, Role.Admin, world.Scenario.Council);
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        browser.DefaultRequestHeaders.Add("X-Forwarded-Prefix", "/monitor");
        var anonymous = PageSession.Anonymous(api);
        anonymous.DefaultRequestHeaders.Add("X-Forwarded-Prefix", "/monitor");

        var dashboard = await browser.GetStringAsync($"/contracts/{world.Scenario.ContractId}");
        var signIn = await anonymous.GetAsync($"/contracts/{world.Scenario.ContractId}");

        // Every link, form and asset of the page is under the path, none at the host's root.
        var targets = System.Text.RegularExpressions.Regex.Matches(dashboard, "(?:href|action|src)=\"(/[^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(targets);
        Assert.DoesNotContain("\"~/", dashboard, StringComparison.Ordinal);
        Assert.All(targets, t => Assert.StartsWith("/monitor/", t, StringComparison.Ordinal));
        Assert.Contains($"/monitor/contracts/{world.Scenario.ContractId}/split-screen", targets);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/monitor/sign-in?returnUrl=%2Fmonitor%2Fcontracts%2F", signIn.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}
