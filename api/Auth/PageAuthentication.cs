using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace ContractMonitor.Api.Auth;

/// <summary>
/// People reading pages sign in with a cookie; programs calling the API keep bearer tokens. The
/// cookie carries the same two claims a token does (role, org), so every rule and store is the
/// API's. In Development <c>/dev/sign-in</c> issues it; elsewhere an identity provider will.
/// </summary>
internal static partial class PageAuthentication
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string PagePolicy = "Pages";

    /// <summary>The council's identity provider (Entra ID, say), when <c>Authentication:Schemes:OpenIdConnect:Authority</c> is set.</summary>
    public const string OidcScheme = "OpenIdConnect";
    private const string OidcSection = "Authentication:Schemes:OpenIdConnect";

    /// <summary>The pages a signed-out visitor may see: the ways in, and the error pages.</summary>
    private static readonly string[] OpenPages = ["/SignIn", "/Dev/SignIn", "/Status", "/SignOut"];

    public static IServiceCollection AddPageAuthentication(this IServiceCollection services, IHostEnvironment environment, IConfiguration configuration)
    {
        var authentication = services.AddAuthentication();
        var oidc = configuration.GetSection(OidcSection);
        if (oidc["Authority"] is { Length: > 0 })
        {
            authentication.AddOpenIdConnect(OidcScheme, options => UseIdentityProvider(options, oidc));
        }

        authentication.AddCookie(Scheme, options =>
        {
            options.LoginPath = "/sign-in";
            options.LogoutPath = "/sign-out";
            options.AccessDeniedPath = "/status/403";
            options.ReturnUrlParameter = "returnUrl";
            options.Cookie.Name = "contractmonitor";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // Secure everywhere but a developer's own http://localhost.
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });
        // The form token's cookie too: outside a developer's http://localhost it is never sent in the
        // clear. Behind a proxy that ends TLS, ASPNETCORE_FORWARDEDHEADERS_ENABLED=true tells the api
        // the request was https (README, "Behind a reverse proxy").
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "contractmonitor.antiforgery";
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        // Behind a proxy that serves the service under a path (https://intranet.council.gov.uk/monitor/)
        // and says so in X-Forwarded-Prefix, every page link and redirect keeps that path: they are
        // written app-relative (~/), against the request's path base. Only where forwarded headers
        // are switched on (ASPNETCORE_FORWARDEDHEADERS_ENABLED), as the proxy's own headers are.
        services.PostConfigure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(options =>
        {
            if (options.ForwardedHeaders != Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.None)
            {
                options.ForwardedHeaders |= Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedPrefix;
            }
        });
        // The success banner's words after a redirect travel in this cookie, under the same rules.
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "contractmonitor.tempdata";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        services.AddAuthorizationBuilder().AddPolicy(PagePolicy, new AuthorizationPolicyBuilder(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Caller.TryFrom(context.User, out _))
            .Build());
        services.AddRazorPages(options =>
        {
            options.Conventions.ConfigureFilter(new Pages.UnknownHandlerFilter());
            options.Conventions.AuthorizeFolder("/", PagePolicy);
            foreach (var open in OpenPages)
            {
                options.Conventions.AllowAnonymousToPage(open);
            }
        });
        return services;
    }

    /// <summary>
    /// The authorisation code flow with PKCE, signing in to the page cookie. The identity token's
    /// roles and organisation are read as a bearer token's are (<see cref="CallerClaims"/>), so the
    /// same Entra app roles, tenant and group mappings serve the pages and the API.
    /// </summary>
    private static void UseIdentityProvider(OpenIdConnectOptions options, IConfigurationSection section)
    {
        options.Authority = section["Authority"];
        options.ClientId = section["ClientId"];
        options.ClientSecret = section["ClientSecret"];
        options.SignInScheme = Scheme;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        options.MapInboundClaims = false;
        options.SaveTokens = false;
        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.RoleClaimType = Caller.RoleClaim;
        options.Events.OnTokenValidated = context =>
        {
            var claims = context.HttpContext.RequestServices.GetRequiredService<IOptions<CallerClaimsOptions>>().Value;
            string? refusal = null;
            if (context.Principal is not { } principal || CallerClaims.Normalise(principal, claims, out refusal) is not { } normalised)
            {
                context.Fail(refusal ?? "The identity provider named no organisation.");
                return Task.CompletedTask;
            }

            // One known role and an organisation, or no cookie: a signed-in non-caller could do nothing.
            if (!Caller.TryFrom(normalised, out _))
            {
                context.Fail("The identity provider gave no single role this service knows.");
                return Task.CompletedTask;
            }

            context.Principal = normalised;
            return Task.CompletedTask;
        };
        // A sign-in the service refuses is the 403 page, not an error.
        options.Events.OnRemoteFailure = context =>
        {
            // The person sees the 403 page; the operator needs the reason (no role, no organisation, a bad token).
            SignInRefused(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ContractMonitor.Pages.SignIn"),
                context.Failure, context.Failure?.Message);
            context.HandleResponse();
            context.Response.Redirect($"{context.Request.PathBase}/status/403");
            return Task.CompletedTask;
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in at the identity provider was refused: {Reason}")]
    private static partial void SignInRefused(ILogger logger, Exception? exception, string? reason);
}
