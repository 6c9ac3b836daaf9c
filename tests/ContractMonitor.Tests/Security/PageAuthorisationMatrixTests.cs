using System.Net;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ContractMonitor.Tests.Security;

/// <summary>
/// Issue 17: the pages' own table, as AuthorisationMatrixTests keeps the API's. Every page route is
/// asked for signed out and signed in as each role of the contract's organisations and of others.
/// Signed out, a protected page sends the visitor to sign in and back; another organisation's
/// contract is the 404 page; a role that may not see a page gets the 403 page.
/// </summary>
public sealed class PageAuthorisationMatrixTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly Role[] Everyone = [Role.Admin, Role.Commissioner, Role.Provider, Role.Panel];
    private static readonly Role[] Officers = [Role.Admin, Role.Commissioner];
    private static readonly Role[] Trust = [Role.Provider];

    /// <summary>Who may see each page; null is anyone, signed in or not.</summary>
    private static readonly IReadOnlyDictionary<string, (Role[]? Roles, bool ContractScoped)> Table = new Dictionary<string, (Role[]?, bool)>
    {
        ["/"] = (Everyone, false),
        ["/contracts/{id:long}"] = (Everyone, true),
        ["/contracts/{id:long}/escalations"] = (Everyone, true),
        ["/contracts/{id:long}/split-screen"] = (Everyone, true),
        ["/contracts/{id:long}/measures/{code}"] = (Everyone, true),
        ["/contracts/{id:long}/measures/{code}/challenges/new"] = (Officers, true),
        ["/challenges/{id:long}"] = (Everyone, true),
        ["/contracts/{id:long}/returns/upload"] = (Trust, true),
        ["/escalations/{id:long}"] = (Everyone, true),
        ["/sign-in"] = (null, false),
        ["/sign-out"] = (null, false),
        ["/dev/sign-in"] = (null, false),
        ["/status/{code:int}"] = (null, false),
    };

    [Fact]
    public void EveryPageRouteIsInTheTableAndEveryRowIsMapped()
    {
        var routes = api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => ((RouteEndpoint)e).RoutePattern.RawText!)
            .Select(r => "/" + r.TrimStart('/'))
            .ToHashSet();

        Assert.Equal(Table.Keys.Order(StringComparer.Ordinal), routes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryPageAnswersEachVisitorAsTheTableSays()
    {
        var world = await AuthorisationWorld.CreateAsync(api);
        var (scenario, other) = (world.Scenario, world.Other);
        string UrlOf(string route) => route
            .Replace("/escalations/{id:long}", $"/escalations/{world.EscalationId}", StringComparison.Ordinal)
            .Replace("/challenges/{id:long}", $"/challenges/{world.ChallengeId}", StringComparison.Ordinal)
            .Replace("{id:long}", scenario.ContractId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{code:int}", "404", StringComparison.Ordinal)
            .Replace("{code}", "A1", StringComparison.Ordinal);

        var wrong = new List<string>();
        foreach (var (route, (roles, scoped)) in Table)
        {
            var url = UrlOf(route);
            var signedOut = await PageSession.Anonymous(api).GetAsync(url);
            var expectedSignedOut = roles is null ? null : $"/sign-in?returnUrl={Uri.EscapeDataString(url)}";
            if (expectedSignedOut is not null && (signedOut.StatusCode != HttpStatusCode.Redirect
                                                  || signedOut.Headers.Location?.PathAndQuery != expectedSignedOut))
            {
                wrong.Add($"{route} signed out: {(int)signedOut.StatusCode} to {signedOut.Headers.Location}");
            }

            foreach (var role in Everyone)
            {
                foreach (var (own, org) in new[] { (true, role == Role.Provider ? scenario.Trust : scenario.Council),
                             (false, role == Role.Provider ? other.Trust : other.Council) })
                {
                    var client = await PageSession.SignInAsync(api, role, org);
                    var response = await client.GetAsync(url);
                    var expected = roles is null ? Expected(route)
                        : scoped && !own ? HttpStatusCode.NotFound
                        : roles.Contains(role) ? HttpStatusCode.OK
                        : HttpStatusCode.Forbidden;
                    if (response.StatusCode != expected)
                    {
                        wrong.Add($"{route} as {role}{(own ? "" : " of another organisation")}: expected {(int)expected}, got {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>The open pages, signed in: the ways in send a signed-in person on, the status page says its status.</summary>
    private static HttpStatusCode Expected(string route) => route switch
    {
        "/sign-in" or "/sign-out" => HttpStatusCode.Redirect,
        "/status/{code:int}" => HttpStatusCode.NotFound,
        _ => HttpStatusCode.OK,
    };
}
