using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Audit;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Health;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.Notifications;
using ContractMonitor.Tests.Infrastructure;
using ContractMonitor.Tests.Security;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContractMonitor.Tests.Api;

/// <summary>
/// Issue 21: readiness says when emails are not getting out (degraded, still 200), and an Admin
/// sends a failed email again, audited. The stale job-server rule is a table: on SQL Server only,
/// and a heartbeat cannot be aged without a server.
/// </summary>
public sealed class ReadinessTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    private async Task<JsonElement> ReadyAsync(HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await api.CreateClient().GetAsync("/health/ready");
        Assert.Equal(expected, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task SetAsync(string sql, object args)
    {
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.ExecuteAsync(sql, args);
    }

    [Fact]
    public async Task AFailedEmailDegradesReadinessUntilAnAdminSendsItAgain()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        Assert.Equal("Healthy", (await ReadyAsync()).GetProperty("status").GetString());
        var failed = await AuthorisationWorld.FailedEmailAsync(scenario);

        var degraded = await ReadyAsync();

        Assert.Equal("Degraded", degraded.GetProperty("status").GetString());
        var outbox = degraded.GetProperty("checks").GetProperty("outbox");
        Assert.Equal("1 email has failed and 0 have waited more than 15 minutes to be sent.", outbox.GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await scenario.Commissioner.PostAsync($"/api/contracts/{scenario.ContractId}/notifications/{failed}/requeue", null)).StatusCode);

        var requeued = await scenario.Admin.PostAsync($"/api/contracts/{scenario.ContractId}/notifications/{failed}/requeue", null);

        Assert.Equal(HttpStatusCode.OK, requeued.StatusCode);
        Assert.Equal(0, (await requeued.Content.ReadFromJsonAsync<NotificationResponse>(JsonDefaults.Web))!.Attempts);
        await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent);
        Assert.Contains(api.Smtp.Messages, m => m.Subject == "Monthly digest");
        Assert.Equal("Healthy", (await ReadyAsync()).GetProperty("status").GetString());
        var again = await scenario.Admin.PostAsync($"/api/contracts/{scenario.ContractId}/notifications/{failed}/requeue", null);
        Assert.Contains("is Sent, not Failed", (await again.ReadProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        await (await scenario.Admin.PostAsync($"/api/contracts/{scenario.ContractId}/notifications/999999999/requeue", null))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        var entry = Assert.Single(audit!, a => a.Action == "notification.requeued");
        Assert.Contains("550 mailbox unavailable", entry.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEmailDueForMoreThanFifteenMinutesDegradesReadiness()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        var email = await AuthorisationWorld.FailedEmailAsync(scenario);
        // Due now, not yet sent: nobody asked the dispatcher to run, as when every worker is down.
        await SetAsync("UPDATE Notifications SET Status = 'Pending', NextAttemptAt = @At WHERE Id = @Id", new { Id = email, At = api.Clock.GetUtcNow() });
        Assert.Equal("Healthy", (await ReadyAsync()).GetProperty("status").GetString());
        try
        {
            api.Clock.Now = api.Clock.GetUtcNow().AddMinutes(16);

            var ready = await ReadyAsync();

            Assert.Equal("Degraded", ready.GetProperty("status").GetString());
            Assert.Contains("1 has waited more than 15 minutes", ready.GetProperty("checks").GetProperty("outbox").GetProperty("description").GetString(),
                StringComparison.Ordinal);
        }
        finally
        {
            await SetAsync("UPDATE Notifications SET Status = 'Sent' WHERE Id = @Id", new { Id = email });
        }
    }

    public static TheoryData<string, int[], HealthStatus> Heartbeats => new()
    {
        { "one server a minute ago", [1], HealthStatus.Healthy },
        { "one stale, one fresh", [30, 4], HealthStatus.Healthy },
        { "the only server six minutes ago", [6], HealthStatus.Unhealthy },
        { "no server at all", [], HealthStatus.Unhealthy },
    };

    [Theory]
    [MemberData(nameof(Heartbeats))]
    public void AJobServerCountsAsAliveForFiveMinutesAfterItsHeartbeat(string why, int[] minutesAgo, HealthStatus expected)
    {
        var now = new DateTime(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc);
        var result = JobServerHealthCheck.Judge(minutesAgo.Select(m => (DateTime?)now.AddMinutes(-m)).ToList(), now);
        Assert.True(result.Status == expected, $"{why}: {result.Status} {result.Description}");
    }
}
