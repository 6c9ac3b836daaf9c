using System.Net;
using System.Net.Http.Headers;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace ContractMonitor.Tests.Auth;

/// <summary>
/// Issue 21, the README's order on a machine that has never minted a token: the api starts with no
/// issuer, audience or key, then <c>dotnet user-jwts create</c> writes them into user secrets. The
/// user-secrets file is stood in for by a JSON file that does not exist at start and is reloaded on
/// change, as user secrets are: a token minted after the start is accepted without a restart.
/// </summary>
public sealed class LateSigningKeyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("contractmonitor-secrets-").FullName;
    private readonly TempSqliteFile database = new();

    private sealed class Factory(string secretsFile, string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:ContractMonitor", connectionString);
            builder.UseSetting("DemoData:Enabled", "false");
            builder.UseSetting("Jobs:Schedule", "false");
            builder.ConfigureAppConfiguration(config => config.AddJsonFile(secretsFile, optional: true, reloadOnChange: true));
        }
    }

    [Fact]
    public async Task ATokenMintedAfterTheApiStartedIsAccepted()
    {
        var secrets = Path.Combine(folder, "secrets.json");
        await using var api = new Factory(secrets, database.ConnectionString);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For(Role.Admin, "late-council"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/contracts")).StatusCode);

        // What user-jwts writes on its first run.
        await File.WriteAllTextAsync(secrets, $$"""
            {
              "Authentication": { "Schemes": { "Bearer": {
                "ValidAudiences": [ "{{TestTokens.Audience}}" ],
                "ValidIssuer": "{{TestTokens.Issuer}}",
                "SigningKeys": [ { "Id": "{{TestTokens.KeyId}}", "Issuer": "{{TestTokens.Issuer}}", "Value": "{{TestTokens.KeyBase64}}", "Length": 32 } ]
              } } }
            }
            """);

        var status = await Eventually.ReadAsync(async () => (await client.GetAsync("/api/contracts")).StatusCode,
            s => s == HttpStatusCode.OK, "the api to accept a token signed with the key written after it started",
            every: TimeSpan.FromMilliseconds(100));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>
    /// The real first run: AddUserSecrets, with no folder yet, reads "secrets.json" beside the app.
    /// The api points the source at the secrets folder (made now), and a key written there later is read.
    /// </summary>
    [Fact]
    public async Task UserSecretsWrittenIntoAFolderThatDidNotExistAtStartAreRead()
    {
        var secrets = Path.Combine(folder, "home", ".microsoft", "usersecrets", "contractmonitor-test", "secrets.json");
        var builder = new ConfigurationBuilder().SetBasePath(folder).AddJsonFile("secrets.json", optional: true, reloadOnChange: true);

        Assert.True(ContractMonitor.Api.Development.UserSecretsWatch.Watch(builder, secrets));
        var configuration = builder.Build();
        await File.WriteAllTextAsync(secrets, """{ "Authentication:Schemes:Bearer:SigningKeys": [ { "Id": "k1", "Value": "c2VjcmV0" } ] }""");

        var key = await Eventually.ReadAsync(() => Task.FromResult(configuration["Authentication:Schemes:Bearer:SigningKeys:0:Id"]),
            value => value == "k1", "the key written after the start to be read", every: TimeSpan.FromMilliseconds(100));
        Assert.Equal("k1", key);
        Assert.False(File.Exists(Path.Combine(folder, "secrets.json")));
    }

    public void Dispose()
    {
        database.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
