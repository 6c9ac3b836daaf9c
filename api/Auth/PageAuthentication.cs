using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace ContractMonitor.Api.Auth;

/// <summary>
/// People reading pages sign in with a cookie; programs calling the API keep bearer tokens. The
/// cookie carries the same two claims a token does (role, org), so every rule and store is the
/// API's. In Development <c>/dev/sign-in</c> issues it; elsewhere an identity provider will.
/// </summary>
internal static class PageAuthentication
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string PagePolicy = "Pages";

    /// <summary>The pages a signed-out visitor may see: the ways in, and the error pages.</summary>
    private static readonly string[] OpenPages = ["/SignIn", "/Dev/SignIn", "/Status", "/SignOut"];

    public static IServiceCollection AddPageAuthentication(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAuthentication().AddCookie(Scheme, options =>
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
        services.AddAuthorizationBuilder().AddPolicy(PagePolicy, new AuthorizationPolicyBuilder(Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => Caller.TryFrom(context.User, out _))
            .Build());
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/", PagePolicy);
            foreach (var open in OpenPages)
            {
                options.Conventions.AllowAnonymousToPage(open);
            }
        });
        return services;
    }
}
