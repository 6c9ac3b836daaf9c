using ContractMonitor.Core.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace ContractMonitor.Api.Problems;

/// <summary>A database that cannot answer is the service's fault for now, not the caller's: 503 and retry.</summary>
internal sealed partial class DatabaseUnavailableExceptionHandler(
    IProblemDetailsService problems, ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!SqlDialect.IsUnavailable(exception))
        {
            return false;
        }

        LogUnavailable(logger, exception);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable.",
                Detail = "Nothing was changed. Try again shortly.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable; answered 503")]
    private static partial void LogUnavailable(ILogger logger, Exception exception);
}
