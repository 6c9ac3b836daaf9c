using System.Net.Http.Headers;
using System.Text;
using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ContractMonitor.Benchmarks;

/// <summary>The real api in process on its own SQLite file, with a signing key of its own.</summary>
public sealed class BenchmarkApi : WebApplicationFactory<Program>
{
    private const string Issuer = "contractmonitor-benchmarks";
    private const string Audience = "contractmonitor";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("contractmonitor-benchmark-key-32-bytes!");

    private readonly string environment;

    /// <param name="environment">Production, as the api runs; Development where a benchmark signs in to the pages.</param>
    public BenchmarkApi(string environment = "Production")
    {
        this.environment = environment;
        // The factory looks for a folder named after the api's assembly; ours is called api.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ContractMonitor.sln")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CONTRACTMONITOR_API",
            Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run the benchmarks from the repository."), "api"));
    }

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"contractmonitor-bench-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Database:Provider"] = "Sqlite",
            ["ConnectionStrings:ContractMonitor"] = new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString(),
            ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
            ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
            ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(Key),
            ["Logging:LogLevel:Default"] = "Warning",
            ["DemoData:Enabled"] = "false",
            // One benchmark user sends thousands of requests a minute; the limiter is not what is measured.
            ["RateLimiting:PermitsPerMinute"] = "100000000",
        })
        {
            builder.UseSetting(key, value);
        }
    }

    public HttpClient ClientFor(Role role, string org)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenFor(role, org));
        return client;
    }

    /// <summary>A bearer token the api accepts, for a load tool outside .NET.</summary>
    public static string TokenFor(Role role, string org) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = new Dictionary<string, object> { ["role"] = role.ToString(), ["org"] = org, ["unique_name"] = "bench" },
            Expires = DateTime.UtcNow.AddDays(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Key), SecurityAlgorithms.HmacSha256),
        });

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
