using ContractMonitor.Api.Security;
using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace ContractMonitor.Api.Auth;

internal static partial class ApiAuthentication
{
    public const string AdminPolicy = "Admin";
    private const string BearerSection = "Authentication:Schemes:Bearer";
    private const string RefusalItem = "ContractMonitor.TokenRefusal";
    private const string CallerScheme = "Caller";

    /// <summary>
    /// JWT bearer from the standard <c>Authentication:Schemes:Bearer</c> keys: Authority and Audience
    /// for Entra ID in production, the keys <c>dotnet user-jwts</c> writes in Development.
    /// </summary>
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                // Who is asking, for what runs before authorisation (the rate limiter's partition,
                // refusal logging): the bearer token if the request has one, else the page cookie.
                // Authorisation itself names its scheme, so a cookie never opens an API endpoint.
                options.DefaultScheme = CallerScheme;
                options.DefaultChallengeScheme = JwtBearerDefaults.AuthenticationScheme;
            })
            .AddPolicyScheme(CallerScheme, "Bearer token or page cookie", options => options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : PageAuthentication.Scheme)
            .AddJwtBearer(options =>
            {
                // Claims keep the names DESIGN §4 gives them (role, org) instead of WS-* URIs.
                options.MapInboundClaims = false;
                options.TokenValidationParameters.RoleClaimType = Caller.RoleClaim;
                options.TokenValidationParameters.NameClaimType = "unique_name";
                options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        var claims = context.HttpContext.RequestServices.GetRequiredService<IOptions<CallerClaimsOptions>>().Value;
                        string? refusal = null;
                        if (context.Principal is not { } principal
                            || CallerClaims.Normalise(principal, claims, out refusal) is not { } normalised)
                        {
                            LogRefused(context.HttpContext, "MissingOrgClaim");
                            context.HttpContext.Items[RefusalItem] = refusal;
                            context.Fail(refusal ?? "The token names no organisation.");
                            return Task.CompletedTask;
                        }

                        context.Principal = normalised;
                        return Task.CompletedTask;
                    },
                    // A token refused for what it says (not for its signature or dates) is told why.
                    OnChallenge = async context =>
                    {
                        if (context.HttpContext.Items[RefusalItem] is string reason)
                        {
                            context.HandleResponse();
                            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                            context.Response.Headers.WWWAuthenticate =
                                $"Bearer error=\"invalid_token\", error_description=\"{QuotedStringSafe(reason)}\"";
                            await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                            {
                                HttpContext = context.HttpContext,
                                ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = "Unauthorized", Detail = reason },
                            });
                        }
                    },
                    // A valid token that names no single known role, or a role the route's policy does not
                    // admit, is told why (issue 21) rather than given a bare 403.
                    OnForbidden = async context =>
                    {
                        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
                        {
                            // The pages answer a refusal with their own 403 page.
                            return;
                        }

                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        var reason = Caller.RefusalOf(context.HttpContext.User) ?? "Your role may not do this here.";
                        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                        {
                            HttpContext = context.HttpContext,
                            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = reason },
                        });
                    },
                    OnAuthenticationFailed = context =>
                    {
                        LogRefused(context.HttpContext, context.Exception.GetType().Name);
                        return Task.CompletedTask;
                    },
                };
            });

        services.AddOptions<CallerClaimsOptions>().BindConfiguration(CallerClaimsOptions.Section);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<IConfiguration>((options, configuration) => UseConfiguredSigningKeys(options, configuration.GetSection(BearerSection)));
        // The bearer options are built again whenever the configuration reloads: `dotnet user-jwts`
        // writes the issuer, audience and signing key into user secrets the first time it runs, which
        // may be after the api has started (issue 21). Without this the handler kept the options it
        // built first, and refused every token until a restart.
        services.AddSingleton<IOptionsChangeTokenSource<JwtBearerOptions>>(provider =>
            new ConfigurationChangeTokenSource<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, provider.GetRequiredService<IConfiguration>()));

        services.AddSingleton(provider => new Operators(provider.GetRequiredService<IConfiguration>()[Operators.OrganisationSetting]));
        services.AddAuthorizationBuilder()
            // Every endpoint needs a caller: one known role and an organisation. Anonymous ones opt out.
            .SetFallbackPolicy(CallerPolicy().Build())
            .AddPolicy(AdminPolicy, CallerPolicy().RequireRole(nameof(Role.Admin)).Build());
        return services;
    }

    /// <summary>
    /// A refused token is logged by why (the exception's type names the check: expiry, signature,
    /// issuer, audience) and where from, never with the token itself: a log reader must not be able
    /// to replay it.
    /// </summary>
    private static void LogRefused(HttpContext context, string reason) =>
        LogTokenRefused(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiAuthentication).FullName!),
            reason, context.Request.Method, context.Request.Path.Value, context.Connection.RemoteIpAddress?.ToString());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bearer token refused ({Reason}) on {Method} {Path} from {RemoteAddress}")]
    private static partial void LogTokenRefused(ILogger logger, string reason, string method, string? path, string? remoteAddress);

    /// <summary>RFC 6750 error_description allows printable ASCII but the quote and backslash.</summary>
    private static string QuotedStringSafe(string text) =>
        new(text.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '\'').ToArray());

    private static AuthorizationPolicyBuilder CallerPolicy() => new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(context => Caller.TryFrom(context.User, out _));

    /// <summary>
    /// Adds the symmetric keys under <c>SigningKeys</c> (what <c>dotnet user-jwts</c> writes) for every
    /// valid issuer. Since .NET 9 the framework looks keys up by <c>ValidIssuers</c> before it folds
    /// <c>ValidIssuer</c> in, so a lone <c>ValidIssuer</c> — exactly what user-jwts writes — left every
    /// token unsigned-for (IDX10500, dotnet/aspnetcore#59277). Both keys are honoured here.
    /// </summary>
    private static void UseConfiguredSigningKeys(JwtBearerOptions options, IConfigurationSection section)
    {
        var issuers = (section.GetSection("ValidIssuers").Get<string[]>() ?? [])
            .Append(section["ValidIssuer"])
            .OfType<string>()
            .Where(i => i.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (issuers.Count > 0)
        {
            options.TokenValidationParameters.ValidIssuers = issuers;
        }

        var keys = section.GetSection("SigningKeys").GetChildren()
            .Where(k => k["Value"] is { Length: > 0 } && (issuers.Count == 0 || issuers.Contains(k["Issuer"] ?? "", StringComparer.Ordinal)))
            .Select(k => new SymmetricSecurityKey(Convert.FromBase64String(k["Value"]!)) { KeyId = k["Id"] })
            .ToList();
        if (keys.Count > 0)
        {
            options.TokenValidationParameters.IssuerSigningKeys =
                (options.TokenValidationParameters.IssuerSigningKeys ?? []).Concat(keys).ToList();
        }
    }
}
