using System.Globalization;
using System.Threading.RateLimiting;
using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ContractMonitor.Api.Security;

/// <summary>
/// One budget of requests a minute per signed-in user (organisation and subject), and a smaller one
/// per IP address for callers without a valid token, so a leaked token or a scripted guesser is
/// slowed without one trust's upload holding up a council.
/// </summary>
internal static partial class RateLimits
{
    public const string Section = "RateLimiting";

    public static IServiceCollection AddApiRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitSettings>().BindConfiguration(Section)
            .Validate(s => s.PermitsPerMinute > 0 && s.AnonymousPermitsPerMinute > 0, "RateLimiting permits must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitSettings>>((options, settings) =>
        {
            var limits = settings.Value;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var (key, permits) = Partition(context, limits);
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = RejectAsync;
        });
        return services;
    }

    private static (string Key, int Permits) Partition(HttpContext context, RateLimitSettings limits)
    {
        var user = context.User;
        if (Caller.TryFrom(user, out var caller))
        {
            return ($"user:{caller.Org}:{user.FindFirst("sub")?.Value ?? caller.Name}", limits.PermitsPerMinute);
        }

        return ($"ip:{context.Connection.RemoteIpAddress}", limits.AnonymousPermitsPerMinute);
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        LogRejected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimits).FullName!),
            context.Request.Path.Value, seconds);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"This client has sent more requests than it may in a minute. Try again in {seconds} seconds.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate limit reached on {Path}; asked to wait {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string? path, int seconds);
}

internal sealed class RateLimitSettings
{
    public int PermitsPerMinute { get; set; } = 600;

    public int AnonymousPermitsPerMinute { get; set; } = 60;
}
