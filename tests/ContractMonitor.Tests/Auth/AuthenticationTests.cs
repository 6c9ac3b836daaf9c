using System.Net;
using System.Text;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Auth;

/// <summary>
/// Tokens are validated through the configuration dotnet user-jwts writes (a lone ValidIssuer and
/// SigningKeys): every accepted token here proves that path, every refused one the checks.
/// </summary>
public sealed class AuthenticationTests(LoggedApiFactory api) : IClassFixture<LoggedApiFactory>
{
    private static Dictionary<string, object> Claims(string? role = "Admin", string? org = "a-council")
    {
        var claims = new Dictionary<string, object> { ["unique_name"] = "someone" };
        if (role is not null)
        {
            claims["role"] = role;
        }

        if (org is not null)
        {
            claims["org"] = org;
        }

        return claims;
    }

    public static TheoryData<string, string> RefusedTokens() => new()
    {
        { "expired", TestTokens.Create(Claims(), notBefore: DateTime.UtcNow.AddHours(-3), expires: DateTime.UtcNow.AddHours(-2)) },
        { "not yet valid", TestTokens.Create(Claims(), notBefore: DateTime.UtcNow.AddHours(2), expires: DateTime.UtcNow.AddHours(3)) },
        { "wrong signature", TestTokens.Create(Claims(), keyBase64: Convert.ToBase64String(Encoding.UTF8.GetBytes("another-key-another-key-another-key!"))) },
        { "wrong issuer", TestTokens.Create(Claims(), issuer: "someone-else") },
        { "wrong audience", TestTokens.Create(Claims(), audience: "another-api") },
        { "alg none", UnsignedToken() },
        { "missing org", TestTokens.Create(Claims(org: null)) },
        { "garbage", "not.a.token" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task BadTokensAre401Problems(string why, string token)
    {
        var path = $"/api/contracts?probe={Guid.NewGuid():N}";
        var response = await api.ClientWithToken(token).GetAsync(path);
        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.True(problem.GetProperty("status").GetInt32() == 401, why);
        Assert.True(response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"), why);
    }

    /// <summary>Issue 21: a token refused for what it says is told why, in the body and in the challenge, without echoing the token.</summary>
    [Fact]
    public async Task ATokenWithoutAnOrganisationIsToldWhyInTheBodyAndTheChallenge()
    {
        var token = TestTokens.Create(Claims(org: null));

        var response = await api.ClientWithToken(token).GetAsync("/api/contracts");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("org", detail, StringComparison.Ordinal);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer").Parameter!;
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error_description=\"", challenge, StringComparison.Ordinal);
        Assert.DoesNotContain(token, challenge + problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARefusedTokenIsLoggedWithItsReasonButNeverTheTokenItself()
    {
        foreach (var row in RefusedTokens())
        {
            var (why, token) = row.Data;
            await api.ClientWithToken(token).GetAsync("/api/contracts");
            // Any part long enough to replay or forge from: the header, the claims or the signature.
            var secrets = token.Split('.').Where(part => part.Length >= 16).Append(token);
            var leaked = api.Logs.Lines.Where(line => secrets.Any(s => line.ToString().Contains(s, StringComparison.Ordinal))).ToList();
            Assert.True(leaked.Count == 0, $"{why}: {string.Join(Environment.NewLine, leaked)}");
        }

        var refused = api.Logs.Lines.Where(l => l.Message.StartsWith("Bearer token refused", StringComparison.Ordinal)).Select(l => l.Message).ToList();
        foreach (var reason in new[] { "SecurityTokenExpiredException", "SecurityTokenNotYetValidException", "SecurityTokenInvalidSignatureException",
            "SecurityTokenInvalidIssuerException", "SecurityTokenInvalidAudienceException", "MissingOrgClaim" })
        {
            Assert.True(refused.Any(m => m.Contains(reason, StringComparison.Ordinal)), $"no log names {reason}: {string.Join(Environment.NewLine, refused)}");
        }
    }

    [Theory]
    [InlineData(null, "has no 'role' claim")]
    [InlineData("Superuser", "not one this service knows")]
    [InlineData("admin", "not one this service knows")]
    public async Task ValidTokenWithoutAKnownRoleIs403SayingWhy(string? role, string why)
    {
        var response = await api.ClientWithToken(TestTokens.Create(Claims(role: role))).GetAsync("/api/contracts");
        var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        var detail = problem.GetProperty("detail").GetString();
        Assert.Contains(why, detail, StringComparison.Ordinal);
        Assert.Contains("Admin, Commissioner, Provider, Panel", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AForbiddenActionIsLoggedWithWhoTriedIt()
    {
        var response = await api.ClientFor(Role.Panel, "logged-council", "cllr.curious").PostAsync("/api/organisations",
            new StringContent("""{"code":"x","name":"X","kind":"Council"}""", Encoding.UTF8, "application/json"));
        await response.ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains(api.Logs.Lines, line => line.Level == Microsoft.Extensions.Logging.LogLevel.Warning
            && line.Message == "Refused POST /api/organisations to cllr.curious of logged-council as Panel");
    }

    [Fact]
    public async Task TokenWithTwoRolesIsRefusedRatherThanGuessed()
    {
        var claims = Claims();
        claims["role"] = new[] { "Admin", "Provider" };
        var response = await api.ClientWithToken(TestTokens.Create(claims)).GetAsync("/api/contracts");
        var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("has 2 'role' claims", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidTokenIsAccepted()
    {
        var response = await api.ClientFor(Role.Panel, "a-council").GetAsync("/api/contracts");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string UnsignedToken()
    {
        static string Part(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return $"{Part("""{"alg":"none","typ":"JWT"}""")}.{Part($$"""{"iss":"{{TestTokens.Issuer}}","aud":"{{TestTokens.Audience}}","exp":{{exp}},"role":"Admin","org":"a-council"}""")}.";
    }
}
