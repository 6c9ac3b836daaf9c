using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Testing;

/// <summary>
/// A large portfolio written straight into a migrated SQLite file: contracts × measures × months of
/// returns, targets for every year, and every return marked for evaluation, as submissions leave
/// them. Deterministic, so two files seeded alike must evaluate alike. Shared by the crash test and
/// the benchmarks (linked into both projects).
/// </summary>
public static class PortfolioSeed
{
    /// <summary>The first month of every contract; with 36 months the last is October 2026.</summary>
    public static readonly DateOnly Start = new(2023, 11, 1);

    private static readonly string[] PanelRoles = ["Chair", "ViceChair", "Member"];

    private static readonly string[] Ladder = ["Contract manager", "Director", "Scrutiny panel", "Department for Education"];

    /// <param name="panel">Give each contract a chair, a vice-chair and a member, so evaluations write emails.</param>
    public static async Task SeedAsync(string connectionString, int contracts, int measures, int months, bool panel = false)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        await connection.ExecuteAsync("""
            INSERT INTO Organisations (Id, Code, Name, Kind, CreatedAt) VALUES
                (1, 'seed-council', 'Seed Council', 'Council', @Now), (2, 'seed-trust', 'Seed Trust', 'Provider', @Now)
            """, new { Now = now }, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO Contracts (Id, Reference, Title, CommissionerOrgId, ProviderOrgId, StartDate, EndDate, ReturnDueDays,
                SmallCohort, RaiseAfter, ResolveAfter, DeclineRunLength, CreatedAt)
            VALUES (@Id, @Reference, 'Seeded contract', 1, 2, @Start, NULL, 15, 10, 2, 2, 3, @Now)
            """, Enumerable.Range(1, contracts).Select(c => new
            {
                Id = c, Reference = string.Create(CultureInfo.InvariantCulture, $"SEED-{c}"), Start = Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Now = now,
            }), transaction);
        await connection.ExecuteAsync("""
            INSERT INTO EscalationLevels (ContractId, Level, Name) VALUES (@ContractId, @Level, @Name)
            """, Enumerable.Range(1, contracts).SelectMany(c => Ladder
                .Select((name, i) => new { ContractId = c, Level = i + 1, Name = name })), transaction);
        if (panel)
        {
            await connection.ExecuteAsync("""
                INSERT INTO PanelMembers (ContractId, Name, Email, Role) VALUES (@ContractId, @Role, @Email, @Role)
                """, Enumerable.Range(1, contracts).SelectMany(c => PanelRoles.Select(role => new
                {
                    ContractId = c,
                    Role = role,
                    Email = string.Create(CultureInfo.InvariantCulture, $"{role.ToLowerInvariant()}.{c}@seed.example"),
                })), transaction);
        }

        var measureRows = Enumerable.Range(1, contracts).SelectMany(c => Enumerable.Range(1, measures).Select(m => new
        {
            Id = ((c - 1) * measures) + m,
            ContractId = c,
            Code = string.Create(CultureInfo.InvariantCulture, $"M{m}"),
            Polarity = m % 3 == 0 ? "LowerIsBetter" : "HigherIsBetter",
            Now = now,
        })).ToList();
        await connection.ExecuteAsync("""
            INSERT INTO Measures (Id, ContractId, Code, Title, Definition, Category, Unit, Polarity, Frequency, Decimals, CreatedAt)
            VALUES (@Id, @ContractId, @Code, @Code, '', '', 'Number', @Polarity, 'Monthly', 1, @Now)
            """, measureRows, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO MeasureTargets (MeasureId, FinancialYear, Version, Target, Tolerance, Reason, SetBy, SetAt)
            VALUES (@MeasureId, @Year, 1, @Target, @Tolerance, 'Seed', 'seed', @Now)
            """, measureRows.SelectMany(m => Enumerable.Range(2023, 4).Select(y => new
            {
                MeasureId = m.Id, Year = y, Target = 60m, Tolerance = m.Polarity == "HigherIsBetter" ? 55m : 65m, Now = now,
            })), transaction);

        var returns = measureRows.SelectMany(m => Enumerable.Range(0, months)
            .Where(i => (m.Id + i) % 11 != 0) // about one period in eleven is never sent
            .Select(i => new
            {
                MeasureId = m.Id,
                Period = Start.AddMonths(i).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                PeriodStart = Start.AddMonths(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Value = 50m + ((m.Id * 7 + i) % 12), // a ramp: runs of red months, and rises that a lower-is-better measure reads as decline
                Now = now,
            })).ToList();
        await connection.ExecuteAsync("""
            INSERT INTO Returns (MeasureId, Period, PeriodStart, Revision, Value, Late, SubmittedBy, SubmittedByOrg, SubmittedAt)
            VALUES (@MeasureId, @Period, @PeriodStart, 1, @Value, 0, 'seed', 'seed-trust', @Now)
            """, returns, transaction);
        await connection.ExecuteAsync("""
            INSERT INTO PendingEvaluations (MeasureId, Period, PeriodStart, Reason, Generation, MarkedAt)
            VALUES (@MeasureId, @Period, @PeriodStart, 'Return', 1, @Now)
            """, returns, transaction);
        await transaction.CommitAsync();
    }

    /// <summary>Everything the evaluator decided, emails included, by natural keys, in a stable order: equal text, equal outcome.</summary>
    public static async Task<string> OutcomeAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        var evaluations = await connection.QueryAsync<string>("""
            SELECT MeasureId || ' ' || Period || ' ' || COALESCE(CAST(Value AS TEXT), '-') || ' ' || COALESCE(Revision, '-') || ' '
                || COALESCE(CAST(Target AS TEXT), '-') || ' ' || COALESCE(TargetVersion, '-') || ' ' || Rating || ' '
                || COALESCE(Direction, '-') || ' ' || Late || ' ' || SmallCohort
            FROM Evaluations ORDER BY MeasureId, Period
            """);
        var escalations = await connection.QueryAsync<string>("""
            SELECT e.MeasureId || ' ' || e.Reason || ' ' || e.OpenedPeriod || ' ' || e.LastPeriod || ' ' || e.Level || ' ' || e.Status
                || ' ' || COALESCE((SELECT GROUP_CONCAT(v.Type || '@' || COALESCE(v.Period, '-') || '/' || v.Level, ' ')
                                    FROM (SELECT * FROM EscalationEvents WHERE EscalationId = e.Id ORDER BY Id) v), '')
            FROM Escalations e ORDER BY e.MeasureId, e.Reason, e.OpenedPeriod, e.Id
            """);
        var emails = await connection.QueryAsync<string>("""
            SELECT e.MeasureId || ' ' || e.Reason || ' ' || e.OpenedPeriod || ' ' || v.Type || '@' || COALESCE(v.Period, '-') || '/' || v.Level
                || ' ' || n.Recipient || ' ' || n.Status
            FROM Notifications n
            JOIN EscalationEvents v ON v.Id = n.EventId
            JOIN Escalations e ON e.Id = v.EscalationId
            ORDER BY e.MeasureId, e.Reason, e.OpenedPeriod, v.Id, n.Recipient
            """);
        return string.Join('\n', evaluations.Concat(escalations).Concat(emails));
    }
}
