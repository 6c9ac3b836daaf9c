using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContractMonitor.Core.Data;

/// <summary>Ready means a connection opens and answers a query now.</summary>
internal sealed class DatabaseHealthCheck(Database database) : IHealthCheck
{
    private const string PingSql = "SELECT 1";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition(PingSql, cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy($"{database.Provider} answers.");
        }
        catch (Exception ex) when (Health.ServiceHealth.IsStorageFailure(ex))
        {
            // The message only: connection strings and server names stay in the logs.
            return HealthCheckResult.Unhealthy($"{database.Provider} does not answer.", ex);
        }
    }
}
