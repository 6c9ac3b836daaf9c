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
    public const string TokenEndpoint = "https://login.council.example/oauth2/v2.0/token";
    public const string Issuer = "https://login.council.example/v2.0";
    public const string ClientId = "contractmonitor-pages";
    public const string CouncilTenant = "9b1c0d6e-2f4a-4c8e-9d3b-5a7e6f1c2b3d";

    /// <summary>The provider's token endpoint, answering the code with the identity token a test gives it.</summary>
    public FakeTokenEndpoint Tokens { get; } = new();

    public CapturedLogs Logs { get; } = new();

    // Production cookies (the provider's correlation and nonce cookies too) are Secure: over https, as in production.
    public IdentityProviderApiFactory() => ClientOptions.BaseAddress = new Uri("https://localhost");

    protected override string Environment => "Production";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Authentication:Schemes:OpenIdConnect:Authority"] = Issuer,
        ["Authentication:Schemes:OpenIdConnect:ClientId"] = ClientId,
        [$"Authentication:Claims:OrganisationsByTenant:{CouncilTenant}"] = "entra-council",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.PostConfigure<OpenIdConnectOptions>("OpenIdConnect", options =>
            {
                var configuration = new OpenIdConnectConfiguration { AuthorizationEndpoint = AuthorizeEndpoint, TokenEndpoint = TokenEndpoint, Issuer = Issuer };
                configuration.SigningKeys.Add(Tokens.SigningKey);
                options.ConfigurationManager = new Microsoft.IdentityModel.Protocols.StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
                options.Backchannel = new HttpClient(Tokens);
            });
            services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        });
    }
}

/// <summary>
/// The identity provider's token endpoint, in process: it answers any code with an identity token,
/// signed with its key, carrying the claims the test set and the nonce of the sign-in under way.
/// </summary>
public sealed class FakeTokenEndpoint : HttpMessageHandler
{
    public Microsoft.IdentityModel.Tokens.RsaSecurityKey SigningKey { get; } = new(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "test-key" };

    /// <summary>The next identity token's claims, besides issuer, audience, times and nonce.</summary>
    public Dictionary<string, object> Claims { get; set; } = [];

    /// <summary>The nonce the app sent to the authorize endpoint, which the token must carry back.</summary>
    public string Nonce { get; set; } = "";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri?.ToString() != IdentityProviderApiFactory.TokenEndpoint)
        {
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotFound));
        }

        var claims = new Dictionary<string, object>(Claims) { ["nonce"] = Nonce, ["sub"] = "entra-user-1" };
        var idToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
        {
            Issuer = IdentityProviderApiFactory.Issuer,
            Audience = IdentityProviderApiFactory.ClientId,
            Claims = claims,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new Microsoft.IdentityModel.Tokens.SigningCredentials(SigningKey, Microsoft.IdentityModel.Tokens.SecurityAlgorithms.RsaSha256),
        });
        var body = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["access_token"] = "opaque", ["token_type"] = "Bearer", ["expires_in"] = 600, ["id_token"] = idToken,
        });
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") });
    }
}

/// <summary>Issue 17: outside Development, pages sign in at the council's identity provider by OpenID Connect.</summary>
public sealed class IdentityProviderSignInTests(IdentityProviderApiFactory api) : IClassFixture<IdentityProviderApiFactory>
{
    private static readonly string[] AdminRole = ["Admin"];
    private static readonly string[] Groups = ["0f1e2d3c-aaaa-bbbb-cccc-000000000001"];

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

    /// <summary>
    /// The whole code flow with an Entra-shaped identity token: app roles in <c>roles</c>, the tenant
    /// in <c>tid</c>, no <c>org</c>. The tenant maps to the organisation, and the page says who is
    /// signed in, as what, for which organisation; then the page they first asked for opens.
    /// </summary>
    [Fact]
    public async Task AnEntraShapedIdentityTokenSignsInWithItsAppRoleAndItsTenantsOrganisation()
    {
        var (browser, callback) = await SignInAtTheProviderAsync(new()
        {
            ["name"] = "Robin Officer", ["roles"] = AdminRole, ["tid"] = IdentityProviderApiFactory.CouncilTenant,
            ["groups"] = Groups,
        });

        Assert.True(callback.Headers.Location?.OriginalString == "/contracts/1",
            $"{callback.StatusCode} to {callback.Headers.Location}: " + string.Join("\n", api.Logs.Lines.Where(l => l.Exception is not null || l.Message.Contains("fail", StringComparison.OrdinalIgnoreCase))));
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        // Signed in, the page first asked for answers as the rules say: contract 1 is not this organisation's.
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/contracts/1")).StatusCode);
        Assert.Contains("Signed in as Robin Officer (Admin, entra-council)", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnIdentityTokenThatNamesNoOrganisationOrRoleIsRefusedWithTheForbiddenPageAndNoCookie()
    {
        var (noOrg, refusedForOrg) = await SignInAtTheProviderAsync(new() { ["name"] = "Kim Elsewhere", ["roles"] = AdminRole, ["tid"] = "unmapped-tenant" });
        var (noRole, refusedForRole) = await SignInAtTheProviderAsync(new() { ["name"] = "Lee Norole", ["tid"] = IdentityProviderApiFactory.CouncilTenant });

        foreach (var (browser, refused) in new[] { (noOrg, refusedForOrg), (noRole, refusedForRole) })
        {
            Assert.Equal((HttpStatusCode.Redirect, "/status/403"), (refused.StatusCode, refused.Headers.Location!.OriginalString));
            var again = await browser.GetAsync("/");
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.Equal("/sign-in", again.Headers.Location!.AbsolutePath);
        }

        // The operator can see why, in the log.
        Assert.Contains(api.Logs.Lines, l => l.ToString().Contains("The token names no organisation", StringComparison.Ordinal));
        Assert.Contains(api.Logs.Lines, l => l.ToString().Contains("no single role this service knows", StringComparison.Ordinal));
    }

    /// <summary>Signed out at <c>/</c>, to the provider and back to <c>/signin-oidc</c> with a code, as a browser goes.</summary>
    private async Task<(HttpClient Browser, HttpResponseMessage Callback)> SignInAtTheProviderAsync(Dictionary<string, object> claims)
    {
        var browser = PageSession.Anonymous(api);
        // The page asked for first: after signing in, the person is brought back to it.
        var signIn = await browser.GetAsync((await browser.GetAsync("/contracts/1")).Headers.Location!.OriginalString);
        var authorize = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(signIn.Headers.Location!.Query);
        api.Tokens.Claims = claims;
        api.Tokens.Nonce = authorize["nonce"].ToString();
        var callback = await browser.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = "code-from-the-provider", ["state"] = authorize["state"].ToString(),
        }));
        return (browser, callback);
    }
}
