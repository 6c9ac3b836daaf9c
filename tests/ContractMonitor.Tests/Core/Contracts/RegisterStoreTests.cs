using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Contracts.Panel;
using ContractMonitor.Contracts.Targets;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Organisations;
using ContractMonitor.Core.Panel;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Targets;
using Dapper;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Core.Contracts;

/// <summary>
/// The stores against a real engine. The same tests run on SQLite always and on SQL Server wherever
/// Docker runs, so the two dialects cannot drift apart unnoticed.
/// </summary>
public abstract class RegisterStoreTests
{
    private readonly TimeProvider clock = TimeProvider.System;

    private protected abstract Database Open();

    private Task<(Database Db, Caller Admin, Contract Contract)> ContractAsync() => StoreScenario.ContractAsync(Open(), clock);

    [Fact]
    public async Task ContractRoundTripsAndIsVisibleOnlyToItsTwoSides()
    {
        var (db, admin, contract) = await ContractAsync();
        var store = new ContractStore(db, clock);

        var asCommissioner = await store.FindVisibleAsync(contract.Id, admin with { Role = Role.Commissioner }, default);
        var asProvider = await store.FindVisibleAsync(contract.Id, new Caller("pat", contract.ProviderCode, Role.Provider), default);
        var asOutsider = await store.FindVisibleAsync(contract.Id, new Caller("eve", "elsewhere", Role.Admin), default);

        Assert.Equal(contract, asCommissioner! with { EscalationPolicy = contract.EscalationPolicy, PolicyChanges = contract.PolicyChanges });
        Assert.Empty(asCommissioner.PolicyChanges);
        Assert.Equal(contract.EscalationPolicy.Ladder, asCommissioner.EscalationPolicy.Ladder);
        Assert.Equal(new DateOnly(2026, 3, 31), asProvider!.EndDate);
        Assert.Null(asOutsider);
    }

    [Fact]
    public async Task ReferenceIsUniquePerCouncilWhateverTheCase()
    {
        var (db, admin, contract) = await ContractAsync();
        var again = await new ContractStore(db, clock).CreateAsync(admin, new CreateContractRequest(
            "ref-1", "Again", contract.ProviderCode, new DateOnly(2016, 10, 1), null, null, null, null), default);
        Assert.Equal(WriteStatus.Conflict, again.Status);
    }

    [Fact]
    public async Task MeasureCodeIsUniquePerContract()
    {
        var (db, admin, contract) = await ContractAsync();
        var store = new MeasureStore(db, clock);
        var request = new CreateMeasureRequest("B13", "T", null, null, MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Monthly, 1);

        var first = await store.CreateAsync(contract.Id, admin, request, default);
        var second = await store.CreateAsync(contract.Id, admin, request with { Code = "b13" }, default);

        Assert.Equal((WriteStatus.Created, WriteStatus.Conflict), (first.Status, second.Status));
        Assert.Equal("B13", (await store.FindAsync(contract.Id, "b13", default))!.Code);
    }

    [Theory]
    [InlineData("54.9", "0.1")]
    [InlineData("123456.1234", "100000")]
    [InlineData("0", "-999999999999")]
    public async Task TargetDecimalsRoundTripExactlyAndVersionsAccumulate(string target, string tolerance)
    {
        var (db, admin, contract) = await ContractAsync();
        await new MeasureStore(db, clock).CreateAsync(contract.Id, admin,
            new CreateMeasureRequest("N1", "T", null, null, MeasureUnit.Number, Polarity.HigherIsBetter, Frequency.Monthly, 4), default);
        var measure = (await new MeasureStore(db, clock).FindAsync(contract.Id, "N1", default))!;
        var targets = new TargetStore(db, clock);
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var request = new SetTargetRequest(decimal.Parse(target, culture), decimal.Parse(tolerance, culture), "Set");

        var first = await targets.SetAsync(measure, new FinancialYear(2016), admin, request, default);
        var repeat = await targets.SetAsync(measure, new FinancialYear(2016), admin, request, default);
        var changed = await targets.SetAsync(measure, new FinancialYear(2016), admin, request with { Reason = "Review" }, default);
        var list = await targets.ListAsync(measure, default);

        Assert.Equal((WriteStatus.Created, WriteStatus.Unchanged, WriteStatus.Updated), (first.Status, repeat.Status, changed.Status));
        Assert.Equal([(1, false), (2, true)], list.Select(t => (t.Version, t.Current)));
        Assert.All(list, t => Assert.Equal((request.Target, request.Tolerance), (t.Target, t.Tolerance)));
        // Both engines answer the figure as it was written: 54.9, not 54.900000.
        Assert.Equal(target, list[0].Target.ToString(culture));
    }

    [Fact]
    public async Task ConcurrentPanelReplacementsEachEndWithoutAnErrorAndOneWins()
    {
        // Issue 22: on SQL Server the second of two replacements met the first's rows in the unique
        // (contract, email) key, an uncaught 2627. The contract row is now locked first.
        var (db, admin, contract) = await ContractAsync();
        var store = new PanelStore(db, clock);
        var panels = Enumerable.Range(0, 6).Select(i => new PanelRequest(
        [
            new("Cllr Chair", "chair@council.example", PanelRole.Chair),
            new($"Cllr Vice {i}", $"vice{i}@council.example", PanelRole.ViceChair),
        ])).ToList();

        var results = await Task.WhenAll(panels.Select(p => Task.Run(() => store.ReplaceAsync(contract.Id, admin, p, CancellationToken.None))));

        Assert.All(results, r => Assert.Contains(r.Status, new[] { WriteStatus.Updated, WriteStatus.Unchanged }));
        var final = await store.GetAsync(contract.Id, CancellationToken.None);
        Assert.Equal(2, final.Members.Count);
        Assert.Contains(panels, p => p.Members![1]!.Email == final.Members[1].Email);
    }

    [Fact]
    public async Task EveryWriteLeavesOneAuditRowInTheSameTransaction()
    {
        var (db, admin, contract) = await ContractAsync();
        await new PanelStore(db, clock).ReplaceAsync(contract.Id, admin,
            new PanelRequest([new("Chair", "chair@x.example", PanelRole.Chair)]), default);

        var audit = await new AuditLog(db).ListForContractAsync(contract.Id, null, 10, default);
        var page = await new AuditLog(db).ListForContractAsync(contract.Id, audit[0].Id, 10, default);

        Assert.Equal(["panel.replaced", "contract.created"], audit.Select(a => a.Action));
        Assert.Equal(["contract.created"], page.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(("alice", admin.Org), (a.Actor, a.ActorOrg)));
    }

    [Fact]
    public async Task TypeHandlersRoundTripThroughParameters()
    {
        var db = Open();
        await using var connection = await db.OpenAsync(default);
        var date = new DateOnly(2017, 3, 31);
        var moment = new DateTimeOffset(2026, 11, 23, 12, 34, 56, 789, TimeSpan.FromHours(1)).AddTicks(1234);
        var guid = Guid.NewGuid();

        Assert.Equal(date, await connection.ExecuteScalarAsync<DateOnly>("SELECT @Value", new { Value = date }));
        Assert.Equal(moment, await connection.ExecuteScalarAsync<DateTimeOffset>("SELECT @Value", new { Value = moment }));
        Assert.Equal(TimeSpan.Zero, (await connection.ExecuteScalarAsync<DateTimeOffset>("SELECT @Value", new { Value = moment })).Offset);
        Assert.Equal(guid, await connection.ExecuteScalarAsync<Guid>("SELECT @Value", new { Value = guid }));
        Assert.Equal(54.9m, await connection.ExecuteScalarAsync<decimal>("SELECT @Value", new { Value = 54.9m }));
    }
}

public sealed class SqliteRegisterStoreTests(MigratedSqliteFile file) : RegisterStoreTests, IClassFixture<MigratedSqliteFile>
{
    private protected override Database Open() => file.Database;
}

public sealed class SqlServerRegisterStoreTests(SqlServerFixture fixture) : RegisterStoreTests, IClassFixture<SqlServerFixture>
{
    private protected override Database Open() => fixture.Require();
}
