using System.Net;
using System.Security.Claims;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Auth;

/// <summary>
/// Issue 22: a name or organisation longer than the columns that record it is refused when the
/// caller is read, with the reason, instead of a truncation error (2628) and a 500 on SQL Server;
/// and an organisation code is read in one case, so both engines find the same contracts.
/// </summary>
public sealed class ClaimLengthTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData(200, 64, true)]
    [InlineData(201, 64, false)]
    [InlineData(200, 65, false)]
    public void ACallerIsReadOnlyWhenItsNameAndOrganisationFitTheirColumns(int nameLength, int orgLength, bool read)
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("unique_name", new string('n', nameLength)), new Claim("org", new string('o', orgLength)), new Claim("role", "Panel")], "test"));

        Assert.Equal(read, Caller.TryFrom(user, out _));
    }

    [Fact]
    public async Task ATokenWithAnOverlongNameOrOrganisationIsRefusedWithItsReasonAndWritesNothing()
    {
        var longName = api.ClientWithToken(TestTokens.Create(new Dictionary<string, object>
        {
            ["role"] = "Admin", ["org"] = "a-council", ["unique_name"] = new string('n', 201),
        }));
        var longOrg = api.ClientWithToken(TestTokens.Create(new Dictionary<string, object>
        {
            ["role"] = "Admin", ["org"] = new string('o', 65), ["unique_name"] = "alice",
        }));

        foreach (var (client, reason) in new[] { (longName, "name is longer than 200"), (longOrg, "organisation is longer than 64") })
        {
            var response = await client.PostAsync("/api/organisations", new StringContent(
                """{"code":"x-council","name":"X","kind":"Council"}""", System.Text.Encoding.UTF8, "application/json"));
            var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
            Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnOrganisationCodeInAnotherCaseSeesTheSameContracts()
    {
        var scenario = await Scenario.CreateAsync(api);
        var shouting = api.ClientFor(Role.Panel, scenario.Council.ToUpperInvariant());

        var response = await shouting.GetAsync($"/api/contracts/{scenario.ContractId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheDevelopmentSignInIssuesNoCookieForAnOverlongOrganisationOrName()
    {
        var browser = PageSession.Anonymous(api);

        var longOrg = await browser.PostAsync("/dev/sign-in", await PageSession.FormAsync(browser, "/dev/sign-in", new()
        {
            ["role"] = "Admin", ["org"] = new string('o', 65),
        }));
        var longName = await browser.PostAsync("/dev/sign-in", await PageSession.FormAsync(browser, "/dev/sign-in", new()
        {
            ["role"] = "Admin", ["org"] = "a-council", ["name"] = new string('n', 201),
        }));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (longOrg.StatusCode, longName.StatusCode));
        Assert.False(longOrg.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("contractmonitor=", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("Seed-Council", true)]
    [InlineData(" seed-council ", true)]
    [InlineData("another-council", false)]
    public void TheOperatorsSettingIsReadInAnyCaseAsCallersAre(string setting, bool included) =>
        Assert.Equal(included, new ContractMonitor.Api.Security.Operators(setting).Include(new Caller("ops", "seed-council", Role.Admin)));
}
