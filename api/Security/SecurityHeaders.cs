namespace ContractMonitor.Api.Security;

/// <summary>
/// Headers every answer carries. Answers are figures about named children's services and the people
/// who scrutinise them, so no browser or proxy may keep a copy (no-store); JSON is never sniffed as
/// HTML, and API answers may not be framed or run anything.
/// </summary>
internal static class SecurityHeaders
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/health"))
            {
                headers.CacheControl = "no-store";
                headers.ContentSecurityPolicy = ApiPolicy;
                headers.XFrameOptions = "DENY";
            }
            else if (string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });
}
