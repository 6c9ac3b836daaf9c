using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Jobs;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ContractMonitor.Tests.Features.Notifications;

/// <summary>
/// Issue 22, item 9: the outbox stops growing by its bulk. A sent email's bodies are cleared 90 days
/// on; the row, the record of who was told what and when, stays on the escalation.
/// </summary>
public sealed class OutboxRetentionTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    private const string BodiesSql = """
        SELECT COUNT(*) FROM Notifications WHERE ContractId = @ContractId AND TextBody IS NOT NULL AND HtmlBody IS NOT NULL
        """;

    [Fact]
    public async Task ASentEmailsBodiesAreClearedAfterNinetyDaysAndItsRecordStays()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await scenario.FailTwiceAsync("A1");
        await scenario.EvaluateAsync();
        await api.Smtp.WaitForAsync(2, scenario.Messages());
        var sent = await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent);
        var jobs = api.Services.GetRequiredService<NotificationJobs>();
        await using var connection = new SqliteConnection(api.ConnectionString);

        api.Clock.Now = EmailScenario.June20.AddDays(89);
        await jobs.ClearSentBodiesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>(BodiesSql, new { scenario.ContractId }));

        api.Clock.Now = EmailScenario.June20.AddDays(91);
        await jobs.ClearSentBodiesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(BodiesSql, new { scenario.ContractId }));

        var escalation = Assert.Single((await scenario.Panel.GetAsync<EscalationListResponse>(
            $"/api/contracts/{scenario.ContractId}/escalations"))!.Escalations);
        var record = await scenario.Commissioner.GetAsync<EscalationResponse>($"/api/escalations/{escalation.Id}");
        Assert.Equal(sent.Select(n => (n.Recipient, n.Status, n.MessageId)).Order(),
            record!.Notifications.Select(n => (n.Recipient, n.Status, n.MessageId)).Order());
    }

    [Fact]
    public async Task AnEmailNotYetSentKeepsItsBodiesHoweverOld()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await api.Smtp.StopAsync();
        try
        {
            await scenario.FailTwiceAsync("A1");
            await scenario.EvaluateAsync();
            // The dispatch after the evaluation renders one email, fails to connect, and stops.
            await scenario.SettledAsync(all => all.All(n => n.Status == NotificationStatus.Pending) && all.Sum(n => n.Attempts) == 1);
        }
        finally
        {
            api.Smtp.Restart();
        }

        await using var connection = new SqliteConnection(api.ConnectionString);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(BodiesSql, new { scenario.ContractId }));

        api.Clock.Now = EmailScenario.June20.AddDays(400);
        await api.Services.GetRequiredService<NotificationJobs>().ClearSentBodiesAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(BodiesSql, new { scenario.ContractId }));
    }
}
