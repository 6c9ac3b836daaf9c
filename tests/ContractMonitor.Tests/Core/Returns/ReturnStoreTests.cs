using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Idempotency;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using ContractMonitor.Migrations;
using Dapper;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Core.Returns;

/// <summary>The returns store on a real engine: SQLite always, SQL Server wherever Docker runs.</summary>
public abstract class ReturnStoreTests
{
    private readonly TimeProvider clock = TimeProvider.System;

    private protected abstract Database Open();

    private async Task<(ReturnStore Store, Contract Contract, Caller Provider, Measure Measure)> ArrangeAsync(
        MeasureUnit unit = MeasureUnit.Number, int decimals = 4, DateOnly? start = null)
    {
        var (db, admin, contract) = await StoreScenario.ContractAsync(Open(), clock, start);
        var measures = new MeasureStore(db, clock);
        await measures.CreateAsync(contract.Id, admin,
            new CreateMeasureRequest("A1", "T", null, null, unit, Polarity.HigherIsBetter, Frequency.Monthly, decimals,
                Period.Containing(Frequency.Monthly, contract.StartDate).ToString()), default);
        var measure = (await measures.FindAsync(contract.Id, "A1", default))!;
        return (new ReturnStore(db, clock), contract, new Caller("pat", contract.ProviderCode, Role.Provider), measure);
    }

    private static CheckedReturn Figure(Measure measure, string period, decimal value, decimal? numerator = null, decimal? denominator = null) =>
        new(measure, Period.Parse(period, Frequency.Monthly), value, numerator, denominator, "Claim.");

    [Theory]
    [InlineData("61.5")]
    [InlineData("-12.25")]
    [InlineData("99999999999.9999")]
    [InlineData("999999999999")]
    [InlineData("0.0001")]
    public async Task FiguresRoundTripExactlyAndRevisionsAccumulate(string text)
    {
        var value = decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        var (store, contract, provider, measure) = await ArrangeAsync();

        await store.SubmitAsync(contract, provider, [Figure(measure, "2016-11", 1, 1.5m, 123456.123456m)], null, default);
        await store.SubmitAsync(contract, provider, [Figure(measure, "2016-11", value)], null, default);

        var history = (await store.HistoryAsync(contract, measure, Period.Parse("2016-11", Frequency.Monthly), default))!;
        Assert.Equal([(1, 1m, 1.5m, 123456.123456m), (2, value, (decimal?)null, (decimal?)null)],
            history.Revisions.Select(r => (r.Revision, r.Value, r.Numerator, r.Denominator)));
        Assert.All(history.Revisions, r => Assert.True(r.Late));
        Assert.Equal(value, Assert.Single(await store.ListCurrentAsync(contract, null, null, default)).Value);
    }

    [Fact]
    public async Task AKeyReplaysTheSameRequestAndRefusesAnother()
    {
        var (store, contract, provider, measure) = await ArrangeAsync();
        var rows = new[] { new ReturnRowRequest("A1", "2016-11", 5, null, null, null) };
        var request = new IdempotentRequest("key-1", ReturnStore.RequestHash(contract.Id, rows), 201, "/r");

        var first = await store.SubmitAsync(contract, provider, [Figure(measure, "2016-11", 5)], request, default);
        var repeat = await store.SubmitAsync(contract, provider, [Figure(measure, "2016-11", 5)], request, default);
        var other = await store.SubmitAsync(contract, provider, [Figure(measure, "2016-11", 6)], request with { RequestHash = "other" }, default);

        Assert.Equal((SubmitStatus.Stored, SubmitStatus.Replayed, SubmitStatus.KeyReused), (first.Status, repeat.Status, other.Status));
        Assert.Equal(JsonSerializer.Serialize(new { Returns = first.Stored! }, JsonDefaults.Web), repeat.Earlier!.Body);
        Assert.Single(await store.ListCurrentAsync(contract, measure, Period.Parse("2016-11", Frequency.Monthly), default));
        Assert.Equal(1, (await store.HistoryAsync(contract, measure, Period.Parse("2016-11", Frequency.Monthly), default))!.Current.Revision);
    }

    [Fact]
    public async Task ConcurrentRevisionsOfOneFigureEachGetTheirOwnNumber()
    {
        var (store, contract, provider, measure) = await ArrangeAsync();

        await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
            store.SubmitAsync(contract, provider, [Figure(measure, "2016-11", i)], null, default)));

        var history = (await store.HistoryAsync(contract, measure, Period.Parse("2016-11", Frequency.Monthly), default))!;
        Assert.Equal(Enumerable.Range(1, 8), history.Revisions.Select(r => r.Revision));
        Assert.Equal(Enumerable.Range(1, 8).Select(i => (decimal)i), history.Revisions.Select(r => r.Value).Order());
    }

    /// <summary>
    /// Issue 22, item 8: a batch is one statement per table on SQL Server. Every row, its nulls, its
    /// text in any script and its audit row arrive, and identities follow the rows' key order.
    /// </summary>
    [Fact]
    public async Task AThousandRowBatchIsStoredWholeWithItsAuditTrailInKeyOrder()
    {
        var (store, contract, provider, measure) = await ArrangeAsync(start: new DateOnly(1940, 1, 1));
        var periods = Enumerable.Range(0, 1000)
            .Select(i => new DateOnly(1940, 1, 1).AddMonths(i).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var rows = periods.Select((p, i) => new CheckedReturn(measure, Period.Parse(p, Frequency.Monthly), i + 0.25m,
            i % 2 == 0 ? null : i, i % 2 == 0 ? null : 1000, i % 3 == 0 ? null : $"Équipe {i}: 10% ✓ — “quoted”")).ToList();

        var result = await store.SubmitAsync(contract, provider, [.. Enumerable.Reverse(rows)], null, default);

        Assert.Equal(SubmitStatus.Stored, result.Status);
        var current = await store.ListCurrentAsync(contract, null, null, default);
        Assert.Equal(rows.Select(r => (r.Period.ToString(), r.Value, r.Numerator, r.Denominator, r.Commentary, 1)),
            current.Select(r => (r.Period, r.Value, r.Numerator, r.Denominator, r.Commentary, r.Revision)));
        await using var connection = await Open().OpenAsync(default);
        var audited = await connection.QueryAsync<string>(
            "SELECT EntityId FROM AuditLog WHERE ContractId = @Id AND Action = 'return.submitted' ORDER BY Id", new { contract.Id });
        Assert.Equal(periods.Select(p => $"A1/{p}/r1"), audited);
        var ids = await connection.QueryAsync<string>("SELECT Period FROM Returns WHERE MeasureId = @Id ORDER BY Id", new { measure.Id });
        Assert.Equal(periods, ids);
    }

    /// <summary>
    /// Issue 20: rows checked against a measure as it was before a retirement committed are seen
    /// again under the contract's lock, and the batch is refused whole.
    /// </summary>
    [Fact]
    public async Task ABatchCheckedBeforeARetirementCommittedIsRefusedWhole()
    {
        var (store, contract, provider, measure) = await ArrangeAsync();
        var admin = new Caller("alice", contract.CommissionerCode, Role.Admin);
        var retired = await new MeasureLifeStore(Open(), clock).RetireAsync(contract, measure, admin, new RetireMeasureRequest("2016-11", "Dropped."), default);
        Assert.Equal(WriteStatus.Updated, retired.Status);

        var result = await store.SubmitAsync(contract, provider, [Figure(measure, "2016-10", 1), Figure(measure, "2016-11", 1)], null, default);

        Assert.Equal(SubmitStatus.Changed, result.Status);
        Assert.Empty(await store.ListCurrentAsync(contract, null, null, default));
    }

    [Fact]
    public async Task MarksForEvaluationAreOnePerFigureWithAGenerationPerChange()
    {
        var (store, contract, provider, measure) = await ArrangeAsync();

        await store.SubmitAsync(contract, provider, [Figure(measure, "2016-11", 1), Figure(measure, "2016-12", 1)], null, default);
        await store.SubmitAsync(contract, provider, [Figure(measure, "2016-11", 2)], null, default);

        await using var connection = await Open().OpenAsync(default);
        var marks = await connection.QueryAsync<(string Period, int Generation, DateOnly PeriodStart)>(
            "SELECT Period, Generation, PeriodStart FROM PendingEvaluations WHERE MeasureId = @Id ORDER BY Period", new { measure.Id });
        Assert.Equal([("2016-11", 2, new DateOnly(2016, 11, 1)), ("2016-12", 1, new DateOnly(2016, 12, 1))], marks);
    }
}

public sealed class SqliteReturnStoreTests(MigratedSqliteFile file) : ReturnStoreTests, IClassFixture<MigratedSqliteFile>
{
    private protected override Database Open() => file.Database;
}

public sealed class SqlServerReturnStoreTests(SqlServerFixture fixture) : ReturnStoreTests, IClassFixture<SqlServerFixture>
{
    private protected override Database Open() => fixture.Require();
}
