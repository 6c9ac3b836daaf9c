using ContractMonitor.Core.Access;

namespace ContractMonitor.Api.Security;

/// <summary>
/// Every refused action is logged with who tried what: a 403 is someone signed in reaching for
/// something their role may not do, the pattern a misused account shows first.
/// </summary>
internal static partial class RefusalLogging
{
    public static IApplicationBuilder UseRefusalLogging(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RefusalLogging).FullName!);
        return app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode == StatusCodes.Status403Forbidden)
            {
                var caller = Caller.TryFrom(context.User, out var known) ? known : null;
                LogForbidden(logger, context.Request.Method, context.Request.Path.Value, caller?.Name ?? context.User.Identity?.Name,
                    caller?.Org, caller?.Role.ToString() ?? "none");
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} {Path} to {Name} of {Org} as {Role}")]
    private static partial void LogForbidden(ILogger logger, string method, string? path, string? name, string? org, string role);
}
