using ContractMonitor.Core.Data;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContractMonitor.Core.Health;

/// <summary>
/// Degraded (still serving, so 200) when emails are not getting out (issue 21): the outbox holds
/// emails that failed for good, or emails due for more than <see cref="Overdue"/> and not yet sent.
/// Either means a chair may not have heard of an escalation; an operator requeues the failed ones.
/// </summary>
internal sealed class OutboxHealthCheck(Database database, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan Overdue = TimeSpan.FromMinutes(15);

    private const string BacklogSql = """
        SELECT
            (SELECT COUNT(*) FROM Notifications WHERE Status = 'Failed') AS Failed,
            (SELECT COUNT(*) FROM Notifications WHERE Status IN ('Pending', 'Sending') AND NextAttemptAt < @Since) AS Overdue
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        int failed, overdue;
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            (failed, overdue) = await connection.QuerySingleAsync<(int Failed, int Overdue)>(new CommandDefinition(
                BacklogSql, new { Since = clock.GetUtcNow() - Overdue }, cancellationToken: cancellationToken));
        }
        catch (Exception ex) when (ServiceHealth.IsStorageFailure(ex))
        {
            // The database check says why; this one only cannot tell.
            return HealthCheckResult.Unhealthy("The outbox cannot be read.");
        }

        var data = new Dictionary<string, object> { ["failedEmails"] = failed, ["overdueEmails"] = overdue };
        return (failed, overdue) switch
        {
            (0, 0) => HealthCheckResult.Healthy("No email has failed or waited more than 15 minutes.", data),
            _ => HealthCheckResult.Degraded(
                $"{Count(failed, "email has", "emails have")} failed and {Count(overdue, "has", "have")} waited more than 15 minutes to be sent.",
                data: data),
        };
    }

    private static string Count(int n, string one, string many) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}");
}
