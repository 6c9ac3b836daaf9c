using System.Net;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ContractMonitor.Tests.Pages;

/// <summary>Production with the council's identity provider configured; its metadata is given, since no network is reached.</summary>
public sealed class IdentityProviderApiFactory : ApiFactory
{
    public const string AuthorizeEndpoint = "https://login.council.example/oauth2/v2.0/authorize";

    public CapturedLogs Logs { get; } = new();

    protected override string Environment => "Production";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Authentication:Schemes:OpenIdConnect:Authority"] = "https://login.council.example/v2.0",
        ["Authentication:Schemes:OpenIdConnect:ClientId"] = "contractmonitor-pages",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<OpenIdConnectOptions>("OpenIdConnect", options =>
                options.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(
                    new OpenIdConnectConfiguration { AuthorizationEndpoint = AuthorizeEndpoint, Issuer = "https://login.council.example/v2.0" }));
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        });
    }
}

/// <summary>Issue 17: outside Development, pages sign in at the council's identity provider by OpenID Connect.</summary>
public sealed class IdentityProviderSignInTests(IdentityProviderApiFactory api) : IClassFixture<IdentityProviderApiFactory>
{
    [Fact]
    public async Task PagesMayPostToTheIdentityProviderSoThatSigningOutReachesIt()
    {
        var response = await PageSession.Anonymous(api).GetAsync("/status/404");

        Assert.Contains("form-action 'self' https://login.council.example;", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignedOutVisitorIsSentToTheIdentityProviderWithTheCodeFlowAndPkce()
    {
        var browser = PageSession.Anonymous(api);

        var page = await browser.GetAsync("/contracts/1");
        var signIn = await browser.GetAsync(page.Headers.Location!.OriginalString);

        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, string.Join("\n", api.Logs.Lines.Where(l => l.Exception is not null)));
        var location = signIn.Headers.Location!;
        Assert.StartsWith(IdentityProviderApiFactory.AuthorizeEndpoint + "?", location.OriginalString, StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(("contractmonitor-pages", "code", "S256"),
            (query["client_id"].ToString(), query["response_type"].ToString(), query["code_challenge_method"].ToString()));
        Assert.EndsWith("/signin-oidc", query["redirect_uri"].ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/dev/sign-in")).StatusCode);
    }
}
