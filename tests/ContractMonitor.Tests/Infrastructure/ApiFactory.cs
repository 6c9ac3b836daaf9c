using System.Net.Http.Headers;
using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>
/// The real api over HTTP, on its own freshly migrated SQLite file, accepting <see cref="TestTokens"/>.
/// One per test class; tests in a class make their own organisations so they never collide.
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    private readonly TempSqliteFile file = new();

    public string DatabasePath => file.Path;

    public string ConnectionString => file.ConnectionString;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    protected virtual string Environment => "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(Environment);
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:ContractMonitor"] = file.ConnectionString,
            ["DemoData:Enabled"] = "false",
            ["Authentication:Schemes:Bearer:ValidIssuer"] = TestTokens.Issuer,
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = TestTokens.Audience,
            ["Authentication:Schemes:Bearer:SigningKeys:0:Id"] = TestTokens.KeyId,
            ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = TestTokens.Issuer,
            ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = TestTokens.KeyBase64,
            ["Authentication:Schemes:Bearer:SigningKeys:0:Length"] = "32",
            ["Logging:LogLevel:Default"] = "Warning",
            // A line per request would bury a failing test's output; RequestLogTests turns it on.
            ["Logging:LogLevel:Microsoft.AspNetCore.HttpLogging"] = "Warning",
            // Jobs enqueued by a request still run; the clock-driven schedule would change rows
            // in the middle of tests that count them.
            ["Jobs:Schedule"] = "false",
            // Test classes send thousands of requests as one user; RateLimitTests sets real limits.
            ["RateLimiting:PermitsPerMinute"] = "1000000",
            ["RateLimiting:AnonymousPermitsPerMinute"] = "1000000",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient ClientFor(Role role, string org, string name = "tester") => ClientWithToken(TestTokens.For(role, org, name));

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            file.Dispose();
        }
    }
}
