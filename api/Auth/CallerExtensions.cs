using System.Security.Claims;
using ContractMonitor.Core.Access;

namespace ContractMonitor.Api.Auth;

internal static class CallerExtensions
{
    /// <summary>The caller behind a request that passed the fallback policy, which guarantees one.</summary>
    public static Caller RequireCaller(this ClaimsPrincipal user) =>
        Caller.TryFrom(user, out var caller)
            ? caller
            : throw new InvalidOperationException("An endpoint that allows anonymous callers asked for a caller.");
}
