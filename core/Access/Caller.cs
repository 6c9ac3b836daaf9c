using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;

namespace ContractMonitor.Core.Access;

/// <summary>
/// Who is asking: their name for the audit trail, their organisation and their one role.
/// Stores scope every query by it, so another organisation's rows are simply not found.
/// </summary>
internal sealed record Caller(string Name, string Org, Role Role)
{
    public const string RoleClaim = "role";
    public const string OrgClaim = "org";

    /// <summary>A system actor for work no person asked for (seeding, scheduled jobs).</summary>
    public static Caller System(string name) => new($"system:{name}", "system", Role.Admin);

    /// <summary>The organisation code a Council-side caller commissions for, else null.</summary>
    public string? CommissionerOrg => Role is Role.Provider ? null : Org;

    /// <summary>The organisation code a trust-side caller provides for, else null.</summary>
    public string? ProviderOrg => Role is Role.Provider ? Org : null;

    /// <summary>
    /// Reads a caller from a validated principal. A token with no organisation, no known role, or
    /// more than one role is not a caller: it is refused rather than guessed at.
    /// </summary>
    public static bool TryFrom(ClaimsPrincipal? user, [NotNullWhen(true)] out Caller? caller)
    {
        caller = null;
        if (user?.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var org = user.FindFirst(OrgClaim)?.Value;
        var roles = user.FindAll(RoleClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (string.IsNullOrWhiteSpace(org) || roles.Count != 1
            || !Enum.TryParse<Role>(roles[0], ignoreCase: false, out var role) || !Enum.IsDefined(role))
        {
            return false;
        }

        var name = user.FindFirst("preferred_username")?.Value
            ?? user.FindFirst("unique_name")?.Value
            ?? user.FindFirst("name")?.Value
            ?? user.FindFirst("sub")?.Value
            ?? "unknown";
        caller = new Caller(name, org, role);
        return true;
    }
}
