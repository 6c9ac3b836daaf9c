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

    /// <summary>The longest name the audit columns hold (Actor, RecordedBy, …: 200 on both engines).</summary>
    public const int MaxName = 200;

    /// <summary>The longest organisation code the columns hold (Organisations.Code, ActorOrg: 64).</summary>
    public const int MaxOrg = 64;

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

        // One spelling for both engines: SQL Server compares codes without case, SQLite with it, and
        // codes are stored in lower case.
        var org = user.FindFirst(OrgClaim)?.Value?.Trim().ToLowerInvariant();
        var roles = user.FindAll(RoleClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (string.IsNullOrWhiteSpace(org) || roles.Count != 1
            || !Enum.TryParse<Role>(roles[0], ignoreCase: false, out var role) || !Enum.IsDefined(role))
        {
            return false;
        }

        var name = NameOf(user);
        if (TooLong(name, org) is not null)
        {
            return false;
        }

        caller = new Caller(name, org, role);
        return true;
    }

    /// <summary>
    /// Why a validated principal is not a caller, in words its holder can act on, or null when it
    /// is one. Never echoes the token, only what it lacks (issue 21).
    /// </summary>
    public static string? RefusalOf(ClaimsPrincipal user)
    {
        var roles = user.FindAll(RoleClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        var known = string.Join(", ", Enum.GetNames<Role>());
        return roles.Count switch
        {
            0 => $"The token has no '{RoleClaim}' claim: it needs exactly one of {known}.",
            > 1 => $"The token has {roles.Count} '{RoleClaim}' claims: it needs exactly one of {known}, so none is guessed at.",
            _ when !Enum.TryParse<Role>(roles[0], ignoreCase: false, out var role) || !Enum.IsDefined(role) =>
                $"The token's role is not one this service knows: it needs exactly one of {known}, spelt so.",
            _ => TryFrom(user, out _) ? null : "The token does not name a caller this service can record.",
        };
    }

    /// <summary>
    /// Why a name or organisation cannot be a caller's, or null: longer than the columns that record
    /// them, SQL Server would refuse the write as truncated (2628) where SQLite keeps it.
    /// </summary>
    public static string? TooLong(string name, string org) =>
        name.Length > MaxName ? $"The token's name is longer than {MaxName} characters, more than the audit trail can record."
        : org.Trim().Length > MaxOrg ? $"The token's organisation is longer than {MaxOrg} characters: no organisation has such a code."
        : null;

    /// <summary>The name the audit trail records for a principal: the first of its usual name claims.</summary>
    public static string NameOf(ClaimsPrincipal user) =>
        user.FindFirst("preferred_username")?.Value
        ?? user.FindFirst("unique_name")?.Value
        ?? user.FindFirst("name")?.Value
        ?? user.FindFirst("sub")?.Value
        ?? "unknown";
}
