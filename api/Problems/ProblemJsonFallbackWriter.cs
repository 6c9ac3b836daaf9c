using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ContractMonitor.Api.Problems;

/// <summary>
/// The framework's writer declines when the caller's Accept header leaves out JSON (a client asking
/// for text/csv, say), and the status code page then falls back to plain text. An API's refusals
/// should read the same whatever was asked for, so this writer, registered after the framework's,
/// answers those requests with problem details too.
/// </summary>
internal sealed class ProblemJsonFallbackWriter(IOptions<ProblemDetailsOptions> problemOptions, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions)
    : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ??= context.HttpContext.Response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        problemOptions.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(
            problem, problem.GetType(), jsonOptions.Value.SerializerOptions, contentType: "application/problem+json"));
    }
}
