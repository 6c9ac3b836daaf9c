using System.Security.Claims;
using ContractMonitor.Core.Access;

namespace ContractMonitor.Api.Pages;

internal static class PageCaller
{
    /// <summary>The signed-in caller; the page policy has already refused anyone who is not one.</summary>
    public static Caller Of(ClaimsPrincipal user) =>
        Caller.TryFrom(user, out var caller) ? caller : throw new InvalidOperationException("A page was reached without a caller.");
}
