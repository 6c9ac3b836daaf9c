using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Tests.Features.Notifications;
using ContractMonitor.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Evaluations;

/// <summary>
/// Escalations written before this version counted a month without a figure as a good month, and
/// their events kept no step. Their first evaluation under the new rules restates them, quietly:
/// the rules changed, not the figures, and a deployment must not email every chair.
/// </summary>
public sealed class LegacyEscalationTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task AnEscalationFromBeforeTheUpgradeIsRestatedWithoutAnEmail()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        api.Clock.Now = new DateTimeOffset(2026, 9, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-04", 50m), Row("A1", "2026-05", 50m)))
            .EnsureSuccessStatusCode();
        long id;
        await using (var connection = new SqliteConnection(api.ConnectionString))
        {
            // What the old rules made of April and May failing and June and July never sent: resolved in July.
            id = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO Escalations (ContractId, MeasureId, Reason, Level, Status, RunStart, OpenedPeriod, LastPeriod, OpenedAt, UpdatedAt, ResolvedAt)
                SELECT ContractId, Id, 'SustainedFailure', 1, 'Resolved', '2026-05', '2026-05', '2026-07', '2026-08-01', '2026-08-01', '2026-08-01'
                FROM Measures WHERE ContractId = @ContractId AND Code = 'A1';
                SELECT last_insert_rowid();
                """, new { scenario.ContractId });
            await connection.ExecuteAsync("""
                INSERT INTO EscalationEvents (EscalationId, Type, Period, Level, Actor, OccurredAt) VALUES
                    (@id, 'Raised', '2026-05', 1, 'system:evaluator', '2026-08-01'),
                    (@id, 'Recovering', '2026-06', 1, 'system:evaluator', '2026-08-01'),
                    (@id, 'Resolved', '2026-07', 1, 'system:evaluator', '2026-08-01')
                """, new { id });
        }

        await scenario.EvaluateAsync();

        var escalations = (await scenario.Commissioner.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations"))!.Escalations;
        var failure = Assert.Single(escalations, e => e.Reason == EscalationReason.SustainedFailure);
        Assert.Equal(id, failure.Id);
        Assert.Equal((EscalationStatus.Open, 1), (failure.Status, failure.Level)); // silence no longer closes it
        Assert.Equal(EscalationReconciler.RestatedNote, failure.Events[^1].Note);
        Assert.Empty(failure.Notifications);
        // June to August are overdue: that escalation is new, and news, at level 2: chairs and the Director.
        var missing = Assert.Single(escalations, e => e.Reason == EscalationReason.MissingReturns);
        Assert.Equal(3, missing.Notifications.Count);
    }
}
