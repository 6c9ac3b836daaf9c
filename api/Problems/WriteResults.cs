using ContractMonitor.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Problems;

/// <summary>The HTTP answers for a store's refusal: 409 for a clash, 422 for a rule the stored state breaks.</summary>
internal static class WriteResults
{
    public static ProblemHttpResult Refused<T>(WriteResult<T> result) where T : class
    {
        return result.Status == WriteStatus.Conflict
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: result.Detail)
            : Unprocessable(result.Errors ?? new Dictionary<string, string[]>(), result.Detail);
    }

    /// <summary>422 with errors keyed by field, for a well-formed request the rules reject.</summary>
    public static ProblemHttpResult Unprocessable(IReadOnlyDictionary<string, string[]> errors, string? detail = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request breaks a rule of this contract.",
            Detail = detail,
        });
}
