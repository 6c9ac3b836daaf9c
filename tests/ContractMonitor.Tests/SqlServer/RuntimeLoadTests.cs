using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Idempotency;
using ContractMonitor.Core.Jobs;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using ContractMonitor.Migrations;
using ContractMonitor.Tests.Infrastructure;
using Dapper;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>
/// Issue 22 under load, on a real engine: SQLite always, SQL Server wherever Docker runs, where the
/// parameter limit, lock timeouts and deadlocks these tests are about actually exist.
/// </summary>
public abstract class RuntimeLoadTests
{
    // 00:15 in London on 16 June 2026: April's and May's returns have just fallen due.
    private static readonly DateTimeOffset QuarterPastMidnight = new(2026, 6, 15, 23, 15, 0, TimeSpan.Zero);

    private static readonly string[] FirstQuarter = ["2026-01", "2026-02", "2026-03"];

    private readonly SettableClock clock = new() { Now = QuarterPastMidnight };

    private protected abstract Database Open();

    private protected abstract JobStorage Storage();

    /// <summary>More contracts than SQL Server's 2,100 parameters: the list must not pass their ids one by one.</summary>
    [Fact]
    public async Task ACouncilWithTwoAndAHalfThousandContractsListsThemAll()
    {
        var (db, admin, contract) = await StoreScenario.ContractAsync(Open(), clock);
        await using (var connection = await db.OpenAsync(TestContext.Current.CancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync("""
                INSERT INTO Contracts (Reference, Title, CommissionerOrgId, ProviderOrgId, StartDate, EndDate, ReturnDueDays,
                    SmallCohort, RaiseAfter, ResolveAfter, DeclineRunLength, CreatedAt)
                SELECT @Reference, Title, CommissionerOrgId, ProviderOrgId, StartDate, EndDate, ReturnDueDays,
                    SmallCohort, RaiseAfter, ResolveAfter, DeclineRunLength, CreatedAt
                FROM Contracts WHERE Id = @Id
                """, Enumerable.Range(2, 2499).Select(i => new { contract.Id, Reference = $"REF-{i}" }), transaction);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        var visible = await new ContractStore(db, clock).ListVisibleAsync(admin, TestContext.Current.CancellationToken);

        Assert.Equal(2500, visible.Count);
        Assert.Equal(Enumerable.Range(1, 2500).Select(i => $"REF-{i}").Order(StringComparer.Ordinal),
            visible.Select(c => c.Reference).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// 00:15: the five-minute evaluation and the past-due marking fire together, on two workers,
    /// over many contracts, with the bare marker and evaluator besides (below the jobs' run lock).
    /// What this proves is that nothing fails, whoever deadlocks or waits, and that the end is what
    /// one run after the other gives; that runs are kept apart is EvaluationRunLockTests' to show.
    /// </summary>
    [Fact]
    public async Task ThePastDueMarkingAndAnEvaluationRunAtOnceEndAsOneAfterTheOther()
    {
        var db = Open();
        var contracts = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            contracts.Add(await ContractWithFiguresToMarchAsync(db));
        }

        var storage = Storage();
        var evaluator = new ContractEvaluator(db, clock);
        EvaluationJobs Worker() => new(evaluator, new PastDueMarker(db, clock),
            new ContractMonitor.Core.Exceptions.ExceptionStore(db, ContractMonitor.Core.Notifications.EmailSettings.Read(
                new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()), clock), new IdempotencyKeys(db), Substitute.For<IBackgroundJobClient>(),
            storage, clock, NullLogger<EvaluationJobs>.Instance);

        await Task.WhenAll(
            Task.Run(() => Worker().MarkPastDueAsync(CancellationToken.None), TestContext.Current.CancellationToken),
            Task.Run(() => Worker().EvaluateDueAsync(CancellationToken.None), TestContext.Current.CancellationToken),
            Task.Run(() => Worker().EvaluateDueAsync(CancellationToken.None), TestContext.Current.CancellationToken),
            // Below the jobs' lock as well: the marker's writes against an evaluation's reads of the marks.
            Task.Run(() => new PastDueMarker(db, clock).MarkAsync(CancellationToken.None), TestContext.Current.CancellationToken),
            Task.Run(() => evaluator.EvaluateDueAsync(CancellationToken.None), TestContext.Current.CancellationToken));
        await Worker().EvaluateDueAsync(CancellationToken.None);

        var due = await evaluator.ContractsDueAsync(TestContext.Current.CancellationToken);
        Assert.Empty(due.Intersect(contracts));
        await using var connection = await db.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var contractId in contracts)
        {
            var ratings = await connection.QueryAsync<(string Code, string Period, string Rating)>("""
                SELECT m.Code, e.Period, e.Rating FROM Evaluations e JOIN Measures m ON m.Id = e.MeasureId
                WHERE m.ContractId = @ContractId
                  AND NOT EXISTS (SELECT 1 FROM Evaluations n WHERE n.MeasureId = e.MeasureId AND n.Period = e.Period AND n.Id > e.Id)
                ORDER BY m.Code, e.PeriodStart
                """, new { ContractId = contractId });
            Assert.Equal(
                ["A1 2026-01 Failing", "A1 2026-02 Failing", "A1 2026-03 Failing", "A1 2026-04 Missing", "A1 2026-05 Missing",
                 "B1 2026-01 Failing", "B1 2026-02 Failing", "B1 2026-03 Failing", "B1 2026-04 Missing", "B1 2026-05 Missing"],
                ratings.Select(r => $"{r.Code} {r.Period} {r.Rating}"));
            var open = await connection.QueryAsync<(string Code, string Reason, int Level)>("""
                SELECT m.Code, s.Reason, s.Level FROM Escalations s JOIN Measures m ON m.Id = s.MeasureId
                WHERE m.ContractId = @ContractId AND s.Status <> 'Resolved' ORDER BY m.Code, s.Reason
                """, new { ContractId = contractId });
            Assert.Equal(["A1 MissingReturns L1", "A1 SustainedFailure L2", "B1 MissingReturns L1", "B1 SustainedFailure L2"],
                open.Select(o => $"{o.Code} {o.Reason} L{o.Level}"));
        }
    }

    /// <summary>A contract from January 2026, two measures failing January to March, nothing since.</summary>
    private protected async Task<long> ContractWithFiguresToMarchAsync(Database db)
    {
        var (_, admin, contract) = await StoreScenario.ContractAsync(db, clock, new DateOnly(2026, 1, 1), monitoredFrom: new DateOnly(2026, 1, 1));
        var measures = new MeasureStore(db, clock);
        var targets = new ContractMonitor.Core.Targets.TargetStore(db, clock);
        var provider = new Caller("pat", contract.ProviderCode, Role.Provider);
        var rows = new List<CheckedReturn>();
        foreach (var code in new[] { "A1", "B1" })
        {
            await measures.CreateAsync(contract.Id, admin, new CreateMeasureRequest(
                code, "T", null, null, MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Monthly, 1, StartPeriod: "2026-01"), default);
            var measure = (await measures.FindAsync(contract.Id, code, default))!;
            await targets.SetAsync(measure, new FinancialYear(2025), admin, new(60m, 55m, "Set"), default);
            await targets.SetAsync(measure, new FinancialYear(2026), admin, new(60m, 55m, "Set"), default);
            rows.AddRange(FirstQuarter.Select(p =>
                new CheckedReturn(measure, Period.Parse(p, Frequency.Monthly), 50m, null, null, null)));
        }

        await new ReturnStore(db, clock).SubmitAsync(contract, provider, rows, null, default);
        return contract.Id;
    }
}

public sealed class SqliteRuntimeLoadTests(MigratedSqliteFile file) : RuntimeLoadTests, IClassFixture<MigratedSqliteFile>
{
    private protected override Database Open() => file.Database;

    private protected override JobStorage Storage() => new InMemoryStorage();
}

public sealed class SqlServerRuntimeLoadTests(SqlServerFixture fixture) : RuntimeLoadTests, IClassFixture<SqlServerFixture>
{
    private protected override Database Open() => fixture.Require();

    private protected override JobStorage Storage() => new SqlServerStorage(
        () => new SqlConnection(fixture.Require().ConnectionString), new SqlServerStorageOptions { PrepareSchemaIfNecessary = true });

    /// <summary>
    /// A contract locked by another session until the run is over, however long (before issue 22
    /// the lock wait outlasted the 30 s command timeout): the evaluation gives up on it after the lock's own 20 s, with its own error (51000) rather than the
    /// client's timeout (-2), and evaluates the others in the same run.
    /// </summary>
    [Fact]
    public async Task AContractLockedPastTheCommandTimeoutIsSkippedAndTheOthersAreEvaluated()
    {
        var db = Open();
        var locked = await ContractWithFiguresToMarchAsync(db);
        var free = await ContractWithFiguresToMarchAsync(db);
        using var logs = new CapturedLogs();
        var evaluator = new ContractEvaluator(db, TimeProvider.System,
            new Microsoft.Extensions.Logging.Logger<ContractEvaluator>(new Microsoft.Extensions.Logging.LoggerFactory([logs])));

        await using (var holder = new SqlConnection(db.ConnectionString))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using var transaction = holder.BeginTransaction();
            await holder.ExecuteAsync("EXEC sp_getapplock @Resource = @Resource, @LockMode = 'Exclusive', @LockOwner = 'Transaction'",
                new { Resource = $"contractmonitor:evaluate:{locked}" }, transaction);
            var held = System.Diagnostics.Stopwatch.StartNew();

            var outcome = await evaluator.EvaluateDueAsync(TestContext.Current.CancellationToken);

            Assert.True(held.Elapsed < TimeSpan.FromSeconds(30), $"The run waited {held.Elapsed} on the locked contract.");
            Assert.True(outcome.Skipped >= 1);
            var skipped = Assert.Single(logs.Lines, l => l.Message.Contains($"Contract {locked} was not evaluated", StringComparison.Ordinal));
            Assert.Contains($"Error Number:{SqlDialect.ApplockTimeout}", skipped.Exception ?? "", StringComparison.Ordinal);
            var due = await evaluator.ContractsDueAsync(TestContext.Current.CancellationToken);
            Assert.Contains(locked, due);
            Assert.DoesNotContain(free, due);
        }

        await evaluator.EvaluateDueAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(locked, await evaluator.ContractsDueAsync(TestContext.Current.CancellationToken));
    }
}
