using System.Security.Claims;
using ContractMonitor.Core.Access;

namespace ContractMonitor.Api.Auth;

/// <summary>
/// Where a token says who the caller is, under <c>Authentication:Claims</c>. Entra ID issues app
/// roles in <c>roles</c> (an array) and names the tenant in <c>tid</c> and groups in <c>groups</c>;
/// <c>dotnet user-jwts</c> writes <c>role</c> and an <c>org</c> claim. Both work without settings.
/// </summary>
internal sealed class CallerClaimsOptions
{
    public const string Section = "Authentication:Claims";

    /// <summary>The claim types a role may come in; every value of all of them counts.</summary>
    public string[] RoleClaimTypes { get; set; } = ["roles", Caller.RoleClaim];

    /// <summary>The claim type that carries the organisation's code.</summary>
    public string OrganisationClaimType { get; set; } = Caller.OrgClaim;

    /// <summary>Organisation codes by Entra tenant id (<c>tid</c>), for tokens without an organisation claim.</summary>
    public Dictionary<string, string> OrganisationsByTenant { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Organisation codes by group id (<c>groups</c>), for tokens without an organisation claim or a mapped tenant.</summary>
    public Dictionary<string, string> OrganisationsByGroup { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>Rewrites a validated principal into the two claims a <see cref="Caller"/> is read from.</summary>
internal static class CallerClaims
{
    /// <summary>
    /// The principal with one <c>role</c> claim per role the token gives and one <c>org</c> claim, or
    /// null with the reason when the token names no organisation, or more than one.
    /// </summary>
    public static ClaimsPrincipal? Normalise(ClaimsPrincipal principal, CallerClaimsOptions options, out string? refusal)
    {
        refusal = null;
        var roles = options.RoleClaimTypes
            .SelectMany(type => principal.FindAll(type))
            .Select(c => c.Value)
            .Where(v => v.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var orgs = OrganisationsOf(principal, options);
        if (orgs.Count != 1)
        {
            refusal = orgs.Count == 0
                ? $"The token names no organisation: it has no '{options.OrganisationClaimType}' claim, and neither its tenant nor its groups are mapped to one."
                : $"The token's groups map to more than one organisation ({string.Join(", ", orgs)}).";
            return null;
        }

        if (Caller.TooLong(Caller.NameOf(principal), orgs[0]) is { } tooLong)
        {
            refusal = tooLong;
            return null;
        }

        var identity = new ClaimsIdentity(
            principal.Claims.Where(c => c.Type is not (Caller.RoleClaim or Caller.OrgClaim)),
            principal.Identity?.AuthenticationType, "unique_name", Caller.RoleClaim);
        identity.AddClaims(roles.Select(r => new Claim(Caller.RoleClaim, r)));
        identity.AddClaim(new Claim(Caller.OrgClaim, orgs[0]));
        return new ClaimsPrincipal(identity);
    }

    private static List<string> OrganisationsOf(ClaimsPrincipal principal, CallerClaimsOptions options)
    {
        if (principal.FindFirst(options.OrganisationClaimType)?.Value is { Length: > 0 } org)
        {
            return [org];
        }

        if (principal.FindFirst("tid")?.Value is { } tenant && options.OrganisationsByTenant.TryGetValue(tenant, out var byTenant))
        {
            return [byTenant];
        }

        return principal.FindAll("groups")
            .Select(g => options.OrganisationsByGroup.GetValueOrDefault(g.Value))
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
