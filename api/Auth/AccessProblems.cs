using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Auth;

/// <summary>The answers of DESIGN §4, worded the same wherever they are given.</summary>
public static class AccessProblems
{
    /// <summary>403: the caller can see the thing but their role may not do this to it.</summary>
    public static ProblemHttpResult Forbidden(Role role, IEnumerable<Role> allowed) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
            detail: $"The {role} role may not do this. Allowed: {string.Join(", ", allowed)}.");

    /// <summary>
    /// For a write on something reached by its own id rather than through its contract: null when
    /// the caller's role may act; otherwise 404 when the caller cannot see it (so its existence is
    /// not revealed to another organisation) and 403 when they can.
    /// </summary>
    public static async Task<ProblemHttpResult?> RefuseRoleAsync(
        Caller caller, IReadOnlyCollection<Role> allowed, Func<Task<bool>> isVisible, Func<ProblemHttpResult> notFound)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(allowed);
        ArgumentNullException.ThrowIfNull(isVisible);
        ArgumentNullException.ThrowIfNull(notFound);
        if (allowed.Contains(caller.Role))
        {
            return null;
        }

        return await isVisible() ? Forbidden(caller.Role, allowed) : notFound();
    }
}
