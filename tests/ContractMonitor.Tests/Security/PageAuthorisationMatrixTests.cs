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
/// contract is the 404 page; a role that may not see a page gets the 403 page. Every form post
/// has a table of its own, kept complete by reflection over the page models' post handlers.
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
        ["/contracts/{id:long}/papers"] = (Everyone, true),
        ["/contracts/{id:long}/papers/preview"] = (Officers, true),
        ["/contracts/{id:long}/papers/preview/document"] = (Officers, true),
        ["/papers/{id:long}"] = (Everyone, true),
        ["/papers/{id:long}/document"] = (Everyone, true),
        ["/sign-in"] = (null, false),
        ["/sign-out"] = (null, false),
        ["/dev/sign-in"] = (null, false),
        ["/status/{code:int}"] = (null, false),
    };

    /// <summary>
    /// Who may post each form (page route, handler). The forms are posted empty: a role that may
    /// post gets the form back with its errors, and nothing is written by anyone.
    /// </summary>
    private static readonly IReadOnlyDictionary<(string Route, string Handler), Role[]> Posts = new Dictionary<(string, string), Role[]>
    {
        [("/contracts/{id:long}/measures/{code}/challenges/new", "")] = Officers,
        [("/challenges/{id:long}", "Respond")] = Trust,
        [("/challenges/{id:long}", "Close")] = Officers,
        [("/contracts/{id:long}/returns/upload", "Csv")] = Trust,
        [("/contracts/{id:long}/returns/upload", "Period")] = Trust,
        [("/escalations/{id:long}", "")] = Officers,
        [("/contracts/{id:long}/papers/preview", "")] = Officers,
        [("/papers/{id:long}", "Withdraw")] = Officers,
        [("/contracts/{id:long}/measures/{code}", "Recalculate")] = Officers,
        [("/contracts/{id:long}/measures/{code}", "RemoveRecalculation")] = Officers,
    };

    /// <summary>
    /// Posts anyone may make, not in <see cref="Posts"/>: the ways in and out, and the status page,
    /// which answers a failed post it is re-executed for.
    /// </summary>
    private static readonly HashSet<string> OpenPosts = ["/dev/sign-in", "/sign-out", "/status/{code:int}"];

    [Fact]
    public void EveryFormHandlerIsInThePostTable()
    {
        // A page model's type names its page: ContractMonitor.Api.Pages.Challenges.ChallengeModel is /Challenges/Challenge.
        var routeOf = api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .ToDictionary(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath, e => "/" + ((RouteEndpoint)e).RoutePattern.RawText!.TrimStart('/'));
        var handlers = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && !t.IsAbstract)
            .SelectMany(t => t.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
                .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal))
                .Select(m => (Route: routeOf[t.FullName!["ContractMonitor.Api.Pages".Length..^"Model".Length].Replace('.', '/')],
                    Handler: m.Name["OnPost".Length..].Replace("Async", "", StringComparison.Ordinal))))
            .Where(h => !OpenPosts.Contains(h.Route))
            .Select(h => $"{h.Route} {h.Handler}")
            .ToHashSet();

        Assert.Equal(Posts.Keys.Select(k => $"{k.Route} {k.Handler}").Order(StringComparer.Ordinal), handlers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryFormAnswersEachPosterAsThePostTableSaysAndWritesNothing()
    {
        var world = await AuthorisationWorld.CreateAsync(api);
        var (scenario, other) = (world.Scenario, world.Other);
        var audited = await AuditRowsAsync();

        var wrong = new List<string>();
        foreach (var ((route, handler), roles) in Posts)
        {
            var url = UrlOf(world, route) + (handler.Length > 0 ? $"?handler={handler}" : "");
            var signedOut = PageSession.Anonymous(api);
            var refused = await signedOut.PostAsync(url, await PageSession.FormAsync(signedOut, "/dev/sign-in", []));
            if (refused.StatusCode != HttpStatusCode.Redirect || refused.Headers.Location?.AbsolutePath != "/sign-in")
            {
                wrong.Add($"{route} {handler} signed out: {(int)refused.StatusCode} to {refused.Headers.Location}");
            }

            foreach (var role in Everyone)
            {
                foreach (var (own, org) in new[] { (true, role == Role.Provider ? scenario.Trust : scenario.Council),
                             (false, role == Role.Provider ? other.Trust : other.Council) })
                {
                    var client = await PageSession.SignInAsync(api, role, org);
                    // Every signed-in page carries the sign-out form, so "/" gives this person's token.
                    var response = await client.PostAsync(url, await PageSession.FormAsync(client, "/", []));
                    var expected = !own ? HttpStatusCode.NotFound : roles.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                    if (response.StatusCode != expected)
                    {
                        wrong.Add($"{route} {handler} as {role}{(own ? "" : " of another organisation")}: expected {(int)expected}, got {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
        Assert.Equal(audited, await AuditRowsAsync());
    }

    [Fact]
    public async Task APostNoHandlerTakesIsMethodNotAllowedNotAnError()
    {
        var world = await AuthorisationWorld.CreateAsync(api);
        var admin = await PageSession.SignInAsync(api, Role.Admin, world.Scenario.Council);

        var wrong = new List<string>();
        foreach (var route in Table.Keys.Where(r => !OpenPosts.Contains(r)))
        {
            var response = await admin.PostAsync(UrlOf(world, route), await PageSession.FormAsync(admin, "/", []));
            if (response.StatusCode != HttpStatusCode.MethodNotAllowed && !Posts.ContainsKey((route, "")))
            {
                wrong.Add($"{route}: {(int)response.StatusCode}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    private async Task<long> AuditRowsAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(api.ConnectionString);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT COUNT(*) FROM AuditLog");
    }

    private static string UrlOf(AuthorisationWorld world, string route) => route
        .Replace("/escalations/{id:long}", $"/escalations/{world.EscalationId}", StringComparison.Ordinal)
        .Replace("/challenges/{id:long}", $"/challenges/{world.ChallengeId}", StringComparison.Ordinal)
        .Replace("/papers/{id:long}", $"/papers/{world.PaperId}", StringComparison.Ordinal)
        .Replace("{id:long}", world.Scenario.ContractId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{code:int}", "404", StringComparison.Ordinal)
        .Replace("{code}", "A1", StringComparison.Ordinal)
        // A preview is of a period: the world's paper reports this one.
        + (route.Contains("/papers/preview", StringComparison.Ordinal) ? "?period=2016-17-Q1" : "");

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

        var wrong = new List<string>();
        foreach (var (route, (roles, scoped)) in Table)
        {
            var url = UrlOf(world, route);
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
