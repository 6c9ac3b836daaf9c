using System.Security.Claims;
using System.Text;
using ContractMonitor.Core.Access;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// Mints tokens the way <c>dotnet user-jwts</c> does: HMAC-SHA256 with a key the api reads from
/// <c>Authentication:Schemes:Bearer:SigningKeys</c>, so tests exercise the real configuration path.
/// </summary>
public static class TestTokens
{
    public const string Issuer = "contractmonitor-tests";
    public const string Audience = "contractmonitor";
    public const string KeyId = "tests";
    public static readonly string KeyBase64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("contractmonitor-test-signing-key-32b!"));

    public static string For(Role role, string org, string name = "tester") =>
        Create(new Dictionary<string, object> { ["role"] = role.ToString(), ["org"] = org, ["unique_name"] = name });

    public static string Create(
        IDictionary<string, object> claims,
        string issuer = Issuer,
        string audience = Audience,
        string keyBase64 = "",
        DateTime? notBefore = null,
        DateTime? expires = null)
    {
        var now = DateTime.UtcNow;
        var key = new SymmetricSecurityKey(Convert.FromBase64String(keyBase64.Length > 0 ? keyBase64 : KeyBase64)) { KeyId = KeyId };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    public static ClaimsPrincipal Principal(Role role, string org) =>
        new(new ClaimsIdentity([new Claim("role", role.ToString()), new Claim("org", org)], "test"));
}
