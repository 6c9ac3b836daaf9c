namespace ContractMonitor.Api.Security;

/// <summary>
/// Headers every answer carries. Answers are figures about named children's services and the people
/// who scrutinise them, so no browser or proxy may keep a copy (no-store); JSON is never sniffed as
/// HTML, and API answers may not be framed or run anything.
/// </summary>
internal static class SecurityHeaders
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Pages run only the service's own scripts and styles: no inline script, no other origin. Forms
    /// post only here, and to the identity provider where there is one: signing out posts here and is
    /// redirected there, and browsers hold a redirect after a form post to form-action too.
    /// </summary>
    public static string PagePolicy(string? identityProvider) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
        + $"form-action 'self'{(Uri.TryCreate(identityProvider, UriKind.Absolute, out var authority) ? " " + authority.GetLeftPart(UriPartial.Authority) : "")}; "
        + "frame-ancestors 'none'";

    /// <summary>The API and health answers, as against pages and their static files.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/health");

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var pagePolicy = PagePolicy(app.ApplicationServices.GetRequiredService<IConfiguration>()["Authentication:Schemes:OpenIdConnect:Authority"]);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (IsApi(context.Request.Path))
                {
                    headers.CacheControl = "no-store";
                    headers.ContentSecurityPolicy = ApiPolicy;
                    headers.XFrameOptions = "DENY";
                    return Task.CompletedTask;
                }

                if (string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                if (!context.Request.Path.StartsWithSegments("/hangfire") && !context.Request.Path.StartsWithSegments("/swagger"))
                {
                    headers.ContentSecurityPolicy = pagePolicy;
                    headers.XFrameOptions = "DENY";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
    }
}
