using System.Globalization;
using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Auth;

/// <summary>The answers of DESIGN §4, worded the same wherever they are given.</summary>
internal static class AccessProblems
{
    /// <summary>403: the caller can see the thing but their role may not do this to it.</summary>
    public static ProblemHttpResult Forbidden(Role role, IEnumerable<Role> allowed) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
            detail: $"The {role} role may not do this. Allowed: {string.Join(", ", allowed)}.");

    /// <summary>404 for a thing reached by its id: never says whether it exists for another organisation.</summary>
    public static ProblemHttpResult NotFound(string noun, long id)
    {
        ArgumentException.ThrowIfNullOrEmpty(noun);
        return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
            title: $"{char.ToUpperInvariant(noun[0])}{noun[1..]} not found",
            detail: string.Create(CultureInfo.InvariantCulture, $"There is no {noun} {id} that your organisation can see."));
    }
}
