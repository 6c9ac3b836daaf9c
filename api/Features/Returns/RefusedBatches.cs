namespace ContractMonitor.Api.Features.Returns;

/// <summary>
/// Counts every refused returns batch once (issue 21), whatever refused it: the rules (422), a fixed
/// period or a changed contract (409), and a body that could not be read, failed its shape check, was
/// too large or of another type (400, 413, 415), which never reach the handler. Counted when the
/// answer is complete, so the exception handler's answers count too. The handler names the reason
/// where the status alone cannot tell it.
/// </summary>
internal static partial class RefusedBatches
{
    private const string ReasonKey = "ContractMonitor.RefusedBatchReason";

    private sealed class CountedMarker;

    public static RouteHandlerBuilder CountsRefusedBatches(this RouteHandlerBuilder builder) => builder.WithMetadata(new CountedMarker());

    public static void Because(HttpContext context, string reason) => context.Items[ReasonKey] = reason;

    /// <summary>Middleware after routing: only the submit endpoints pay for the callback.</summary>
    public static Task CountAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<CountedMarker>() is not null || IsUnsupportedBodyForReturns(context))
        {
            context.Response.OnCompleted(() =>
            {
                var reason = context.Items[ReasonKey] as string ?? context.Response.StatusCode switch
                {
                    StatusCodes.Status400BadRequest => "malformed",
                    StatusCodes.Status409Conflict => "conflict",
                    StatusCodes.Status413PayloadTooLarge => "too_large",
                    StatusCodes.Status415UnsupportedMediaType => "unsupported_type",
                    StatusCodes.Status422UnprocessableEntity => "invalid",
                    _ => null,
                };
                if (reason is not null)
                {
                    Core.Telemetry.ServiceMetrics.Refused(reason);
                }

                return Task.CompletedTask;
            });
        }

        return next(context);
    }

    /// <summary>
    /// A body that neither submit endpoint accepts (text/plain, say) matches neither: routing answers
    /// with its own 415 endpoint, which carries no metadata of ours, so the route is recognised by its path.
    /// </summary>
    private static bool IsUnsupportedBodyForReturns(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.GetEndpoint()?.DisplayName == "415 HTTP Unsupported Media Type"
        && ReturnsPath().IsMatch(context.Request.Path.Value ?? "");

    [System.Text.RegularExpressions.GeneratedRegex("^/api/contracts/[^/]+/returns/?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ReturnsPath();
}
