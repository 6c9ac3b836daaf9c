using System.Net;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.SplitScreen;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Tests.Faults;

/// <summary>
/// DESIGN §6: a database that cannot answer is a 503 with problem details and an unhealthy
/// /health/ready, nothing is half-written, and the same process serves again once it is back.
/// </summary>
public sealed class DatabaseFaultTests(FaultyDatabaseApiFactory api) : IClassFixture<FaultyDatabaseApiFactory>
{
    [Fact]
    public async Task WhileAnotherWriterHoldsTheLockWritesAre503ReadsGoOnAndWritesRecover()
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1");
        var before = await DatabaseCounts.ReadAsync(api.FileConnectionString);

        await using (var holder = new SqliteConnection(api.FileConnectionString))
        {
            // A backup, a migration or a stuck process holding SQLite's one write lock.
            await holder.OpenAsync();
            await using var writer = await holder.BeginTransactionAsync();
            var write = await scenario.Commissioner.PostJsonAsync($"/api/contracts/{scenario.ContractId}/challenges",
                new CreateChallengeRequest("A1", "2016-07", "Why?", null));
            var problem = await write.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("The database is unavailable.", problem.GetProperty("title").GetString());
            Assert.NotNull(write.Headers.RetryAfter);

            // WAL lets readers carry on beside a writer, so the panel's reports still answer.
            Assert.Equal(HttpStatusCode.OK, (await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/status")).StatusCode);
            await writer.RollbackAsync();
        }

        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.FileConnectionString));
        var retried = await scenario.Commissioner.PostJsonAsync($"/api/contracts/{scenario.ContractId}/challenges",
            new CreateChallengeRequest("A1", "2016-07", "Why?", null));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }

    [Fact]
    public async Task AnUnreachableDatabaseIs503AndTheApiRecoversWhenItReturns()
    {
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1");
        var before = await DatabaseCounts.ReadAsync(api.FileConnectionString);

        using (api.TakeAway())
        {
            await AssertUnavailableAsync(scenario);
        }

        await AssertServingAsync(scenario);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.FileConnectionString));
    }

    private async Task AssertUnavailableAsync(Scenario scenario)
    {
        var read = await scenario.Commissioner.GetAsync($"/api/contracts/{scenario.ContractId}/status");
        var problem = await read.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("The database is unavailable.", problem.GetProperty("title").GetString());
        Assert.NotNull(read.Headers.RetryAfter);

        var write = await scenario.Commissioner.PostJsonAsync($"/api/contracts/{scenario.ContractId}/challenges",
            new CreateChallengeRequest("A1", "2016-07", "Why?", null));
        await write.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);

        var ready = await api.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var report = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", report.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.DoesNotContain("Data Source", report.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    private async Task AssertServingAsync(Scenario scenario)
    {
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient().GetAsync("/health/ready")).StatusCode);
        var read = await scenario.Panel.GetAsync($"/api/contracts/{scenario.ContractId}/status");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }
}

/// <summary>A SQL Server that does not answer: nothing listens on the port, so every connection is refused.</summary>
public sealed class UnreachableSqlServerApiFactory : ApiFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = "SqlServer",
        ["ConnectionStrings:ContractMonitor"] = "Server=tcp:127.0.0.1,1;Database=ContractMonitor;User Id=sa;Password=not-used;Encrypt=false;Connect Timeout=2;ConnectRetryCount=0",
    };
}

public sealed class UnreachableSqlServerTests(UnreachableSqlServerApiFactory api) : IClassFixture<UnreachableSqlServerApiFactory>
{
    [Fact]
    public async Task EveryRouteThatNeedsTheDatabaseIs503AndReadyIsUnhealthy()
    {
        var admin = api.ClientFor(Role.Admin, "a-council");
        var list = await admin.GetAsync("/api/contracts");
        var problem = await list.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.DoesNotContain("127.0.0.1", problem.ToString(), StringComparison.Ordinal);

        var write = await admin.PostJsonAsync("/api/organisations",
            new ContractMonitor.Contracts.Organisations.CreateOrganisationRequest("a-council", "A council", ContractMonitor.Contracts.Organisations.OrganisationKind.Council));
        await write.ReadProblemAsync(HttpStatusCode.ServiceUnavailable);

        var ready = await api.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }
}

/// <summary>The api on a real SQL Server that the test pauses and resumes (wherever Docker runs).</summary>
public sealed class SqlServerOutageTests(SqlServerFixture sql) : IClassFixture<SqlServerFixture>
{
    [Fact]
    public async Task APausedSqlServerIs503AndTheApiRecoversWhenItResumes()
    {
        var database = sql.Require();
        var connectionString = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(database.ConnectionString)
        {
            ConnectTimeout = 5,
            CommandTimeout = 5,
        }.ConnectionString;
        await using var api = new SqlServerApiFactory(connectionString);
        var scenario = await Scenario.CreateAsync(api);
        await scenario.AddMeasureAsync("A1");
        var status = $"/api/contracts/{scenario.ContractId}/status";

        await sql.Container.PauseAsync();
        try
        {
            await (await scenario.Panel.GetAsync(status)).ReadProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await api.CreateClient().GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await sql.Container.UnpauseAsync();
        }

        await Eventually.TrueAsync(async () => (await api.CreateClient().GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK,
            "the api to be ready again", TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(250));

        Assert.Equal(HttpStatusCode.OK, (await scenario.Panel.GetAsync(status)).StatusCode);
    }
}
