using System.Net;
using System.Text;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Security;

public sealed class ProductionExposureTests(ProductionApiFactory api) : IClassFixture<ProductionApiFactory>
{
    [Theory]
    [InlineData("/swagger/v1/swagger.json")]
    [InlineData("/swagger/index.html")]
    [InlineData("/hangfire")]
    public async Task OperatorPagesNeedAnAdminInProduction(string path)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.CreateClient().GetAsync(path)).StatusCode);
        foreach (var role in new[] { Role.Commissioner, Role.Provider, Role.Panel })
        {
            var refused = await api.ClientFor(role, "a-council").GetAsync(path);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{role} on {path}: {(int)refused.StatusCode}");
        }

        var admin = await api.ClientFor(Role.Admin, "a-council").GetAsync(path);
        Assert.True(admin.StatusCode == HttpStatusCode.OK, $"Admin on {path}: {(int)admin.StatusCode}");
    }

    /// <summary>
    /// Issue 21: through a container's published port the request is not local, and a browser sends
    /// no bearer token; an Admin signed in to the pages opens the dashboard with the page cookie, and
    /// a form posted to it without the dashboard's antiforgery token (another site's, say) is refused.
    /// </summary>
    [Fact]
    public async Task AnAdminSignedInToThePagesOpensTheJobsDashboardButAForgedPostIsRefused()
    {
        var admin = PageSession.WithSignInCookie(api, Role.Admin, "a-council");
        var dashboard = await admin.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        foreach (var role in new[] { Role.Commissioner, Role.Provider, Role.Panel })
        {
            Assert.NotEqual(HttpStatusCode.OK, (await PageSession.WithSignInCookie(api, role, "a-council").GetAsync("/hangfire")).StatusCode);
        }

        var trigger = new FormUrlEncodedContent([new("jobs[]", "no-such-job")]);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync("/hangfire/recurring/trigger", trigger)).StatusCode);

        // The same post from the dashboard's own page, with its token, is taken: the 403 above was the token's.
        var page = await dashboard.Content.ReadAsStringAsync();
        using var post = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger") { Content = trigger };
        post.Headers.Add(Meta(page, "csrf-header"), Meta(page, "csrf-token"));
        post.Headers.Add("Cookie", dashboard.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        Assert.NotEqual(HttpStatusCode.Forbidden, (await admin.SendAsync(post)).StatusCode);

        static string Meta(string html, string name) => System.Net.WebUtility.HtmlDecode(
            System.Text.RegularExpressions.Regex.Match(html, $"<meta name=\"{name}\" content=\"([^\"]+)\"").Groups[1].Value);
    }
}

public sealed class OperatorTests(OperatedProductionApiFactory api) : IClassFixture<OperatedProductionApiFactory>
{
    [Theory]
    [InlineData("/swagger/v1/swagger.json")]
    [InlineData("/hangfire")]
    public async Task WhereAnOperatorIsNamedOtherCouncilsAdminsAreRefused(string path)
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(Role.Admin, "a-council").GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.ClientFor(Role.Admin, OperatedProductionApiFactory.Operator).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.ClientFor(Role.Commissioner, OperatedProductionApiFactory.Operator).GetAsync(path)).StatusCode);
    }
}

public sealed class MethodTests(ProductionApiFactory api) : IClassFixture<ProductionApiFactory>
{
    [Theory]
    [InlineData("TRACE")]
    [InlineData("TRACK")]
    [InlineData("DELETE")]
    public async Task MethodsNoRouteTakesAre405Problems(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/contracts");
        var response = await api.ClientFor(Role.Admin, "a-council").SendAsync(request);
        await response.ReadProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}

public sealed class SecurityHeaderTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/api/contracts", true)]
    [InlineData("/api/contracts/424242", true)]
    [InlineData("/api/contracts", false)]
    public async Task AnswersAreNeverStoredNorSniffed(string path, bool signedIn)
    {
        var client = signedIn ? api.ClientFor(Role.Panel, "a-council") : api.CreateClient();
        var response = await client.GetAsync(path);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: Cache-Control {response.Headers.CacheControl}");
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Server"));
    }
}

public sealed class RateLimitTests(RateLimitedApiFactory api) : IClassFixture<RateLimitedApiFactory>
{
    [Fact]
    public async Task EachUserHasTheirOwnBudgetAndIsToldWhenToComeBack()
    {
        var carol = api.ClientFor(Role.Commissioner, "limit-council", "carol");
        for (var i = 0; i < RateLimitedApiFactory.UserPermits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await carol.GetAsync("/api/contracts")).StatusCode);
        }

        var refused = await carol.GetAsync("/api/contracts");
        var problem = await refused.ReadProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.Contains("Try again in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.True(retryAfter > TimeSpan.Zero && retryAfter <= TimeSpan.FromMinutes(1), $"Retry-After {refused.Headers.RetryAfter}");

        // Another officer of the same council is not held up by carol's script.
        var dave = api.ClientFor(Role.Commissioner, "limit-council", "dave");
        Assert.Equal(HttpStatusCode.OK, (await dave.GetAsync("/api/contracts")).StatusCode);
    }

    [Fact]
    public async Task AnonymousCallersShareTheirAddressesBudgetButHealthProbesAreNeverLimited()
    {
        var anonymous = api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= RateLimitedApiFactory.AnonymousPermits; i++)
        {
            statuses.Add((await anonymous.GetAsync("/api/organisations")).StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, RateLimitedApiFactory.AnonymousPermits).Append(HttpStatusCode.TooManyRequests), statuses);
        for (var i = 0; i < 3 * RateLimitedApiFactory.AnonymousPermits; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health/ready")).StatusCode);
        }
    }
}

public sealed class BodyLimitTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task ABodyOverAMegabyteIsRefusedBeforeItIsRead()
    {
        var scenario = await Scenario.CreateAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);
        var text = new string('x', 2 * 1024 * 1024);
        using var request = Oversized($"/api/contracts/{scenario.ContractId}/challenges",
            $$"""{"measureCode":"A1","period":"2016-07","text":"{{text}}"}""");
        var response = await scenario.Commissioner.SendAsync(request);
        await response.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    [Fact]
    public async Task ABatchOfReturnsMayBeLargerButNotUnbounded()
    {
        var scenario = await Scenario.CreateAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);
        // Two megabytes of JSON whitespace around an empty batch: read whole, then refused for being empty.
        var padded = $$"""{"returns":{{new string(' ', 2 * 1024 * 1024)}}[]}""";
        var read = await scenario.Provider.PostAsync($"/api/contracts/{scenario.ContractId}/returns",
            new StringContent(padded, Encoding.UTF8, "application/json"));
        Assert.True((int)read.StatusCode is 400 or 422, $"{(int)read.StatusCode}");

        var huge = $$"""{"returns":{{new string(' ', 17 * 1024 * 1024)}}[]}""";
        using var request = Oversized($"/api/contracts/{scenario.ContractId}/returns", huge);
        var refused = await scenario.Provider.SendAsync(request);
        await refused.ReadProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    /// <summary>
    /// Sent with Expect: 100-continue, as a careful client sends a large body: Kestrel answers 413
    /// before the body goes, rather than closing the socket under a client still writing.
    /// </summary>
    private static HttpRequestMessage Oversized(string url, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        return request;
    }
}
