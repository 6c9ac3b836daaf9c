using Dapper;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>Row counts of every application table, to prove a refused request wrote nothing.</summary>
public static class DatabaseCounts
{
    private const string CountsSql = """
        SELECT 'Organisations' AS TableName, COUNT(*) AS Count FROM Organisations
        UNION ALL SELECT 'Contracts', COUNT(*) FROM Contracts
        UNION ALL SELECT 'EscalationLevels', COUNT(*) FROM EscalationLevels
        UNION ALL SELECT 'PanelMembers', COUNT(*) FROM PanelMembers
        UNION ALL SELECT 'Measures', COUNT(*) FROM Measures
        UNION ALL SELECT 'MeasureTargets', COUNT(*) FROM MeasureTargets
        UNION ALL SELECT 'AuditLog', COUNT(*) FROM AuditLog
        UNION ALL SELECT 'Returns', COUNT(*) FROM Returns
        UNION ALL SELECT 'PendingEvaluations', COUNT(*) FROM PendingEvaluations
        UNION ALL SELECT 'IdempotencyKeys', COUNT(*) FROM IdempotencyKeys
        UNION ALL SELECT 'Evaluations', COUNT(*) FROM Evaluations
        UNION ALL SELECT 'Escalations', COUNT(*) FROM Escalations
        UNION ALL SELECT 'EscalationEvents', COUNT(*) FROM EscalationEvents
        UNION ALL SELECT 'EvaluationRequests', COUNT(*) FROM EvaluationRequests
        UNION ALL SELECT 'Claims', COUNT(*) FROM Claims
        UNION ALL SELECT 'Challenges', COUNT(*) FROM Challenges
        UNION ALL SELECT 'ChallengeResponses', COUNT(*) FROM ChallengeResponses
        UNION ALL SELECT 'Notifications', COUNT(*) FROM Notifications
        """;

    /// <summary>Every application table, in the order <see cref="ReadAsync"/> lists them.</summary>
    public static IReadOnlyList<string> Tables { get; } = System.Text.RegularExpressions.Regex
        .Matches(CountsSql, @"FROM (?<table>\w+)").Select(m => m.Groups["table"].Value).ToList();

    public static async Task<IReadOnlyDictionary<string, long>> ReadAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        var rows = await connection.QueryAsync<(string TableName, long Count)>(CountsSql);
        return rows.ToDictionary(r => r.TableName, r => r.Count);
    }
}
