using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Claims;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Claims;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using ContractMonitor.Core.SplitScreen;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Core.Challenges;

/// <summary>The claim and challenge stores and the split-screen reads on a real engine: SQLite always, SQL Server wherever Docker runs.</summary>
public abstract class VoicesStoreTests
{
    private readonly SettableClock clock = new() { Now = new DateTimeOffset(2017, 1, 20, 9, 0, 0, TimeSpan.Zero) };

    private protected abstract Database Open();

    private sealed record Arranged(Database Db, Contract Contract, Measure Measure, Caller Officer, Caller Trust)
    {
        public MeasurePeriod About(string period) => new(Measure, Period.Parse(period, Frequency.Monthly));
    }

    private async Task<Arranged> ArrangeAsync()
    {
        var (db, admin, contract) = await StoreScenario.ContractAsync(Open(), clock);
        var measures = new MeasureStore(db, clock);
        await measures.CreateAsync(contract.Id, admin,
            new CreateMeasureRequest("A1", "Assessments", null, null, MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Monthly, 1,
                // Owed from the contract's first month, as figures sent straight to the store are.
                Period.Containing(Frequency.Monthly, contract.StartDate).ToString()), default);
        return new Arranged(db, contract, (await measures.FindAsync(contract.Id, "A1", default))!,
            new Caller("carol", contract.CommissionerCode, Role.Commissioner), new Caller("pat", contract.ProviderCode, Role.Provider));
    }

    private Task<SubmitResult> SubmitAsync(Arranged a, string period, decimal value, string? commentary) =>
        new ReturnStore(a.Db, clock).SubmitAsync(a.Contract, a.Trust,
            [new CheckedReturn(a.Measure, Period.Parse(period, Frequency.Monthly), value, null, null, commentary)], null, default);

    [Fact]
    public async Task AChallengeKeepsTheFigureItQuestionedBesideTheCurrentOne()
    {
        var a = await ArrangeAsync();
        var store = new ChallengeStore(a.Db, clock);
        await SubmitAsync(a, "2016-12", 52m, "First.");

        var created = await store.CreateAsync(a.Contract, a.Officer, a.About("2016-12"), "Why?", new DateOnly(2017, 1, 31), default);
        await SubmitAsync(a, "2016-12", 55.5m, "Second.");
        var read = (await store.FindVisibleAsync(created.Id, a.Trust, default))!;

        Assert.Equal((1, 52m, false), (created.ChallengedRevision!.Value, created.ChallengedValue!.Value, created.RevisedSinceChallenge));
        Assert.Equal((1, 52m, 2, 55.5m, true),
            (read.ChallengedRevision!.Value, read.ChallengedValue!.Value, read.CurrentRevision!.Value, read.CurrentValue!.Value, read.RevisedSinceChallenge));
        Assert.Equal(new DateOnly(2017, 1, 31), read.ResponseDueDate);
        Assert.Null(await store.FindVisibleAsync(created.Id, new Caller("x", "elsewhere", Role.Commissioner), default));
    }

    [Fact]
    public async Task AClosedChallengeTakesNoResponseAndClosesOnce()
    {
        var a = await ArrangeAsync();
        var store = new ChallengeStore(a.Db, clock);
        var created = await store.CreateAsync(a.Contract, a.Officer, a.About("2016-12"), "Why?", null, default);

        var responded = await store.RespondAsync(created.Id, a.Trust, "Because.", default);
        var closed = await store.CloseAsync(created.Id, a.Officer, ChallengeOutcome.Disputed, "Not convinced.", default);
        var late = await store.RespondAsync(created.Id, a.Trust, "One more thing.", default);
        var again = await store.CloseAsync(created.Id, a.Officer, ChallengeOutcome.Agreed, null, default);

        Assert.Equal((WriteStatus.Updated, ChallengeStatus.Responded), (responded!.Status, responded.Value!.Status));
        Assert.Equal((WriteStatus.Updated, ChallengeOutcome.Disputed), (closed!.Status, closed.Value!.Outcome));
        Assert.Equal((WriteStatus.Conflict, WriteStatus.Conflict), (late!.Status, again!.Status));
        Assert.Single((await store.FindVisibleAsync(created.Id, a.Officer, default))!.Responses);
    }

    /// <summary>
    /// A response and a close that race: whichever wins, no response is stored after the close, and
    /// every response the store accepted is kept.
    /// </summary>
    [Fact]
    public async Task ARespondAndACloseThatRaceNeverLeaveAResponseAfterTheClose()
    {
        var a = await ArrangeAsync();
        var store = new ChallengeStore(a.Db, clock);
        for (var round = 0; round < 10; round++)
        {
            var created = await store.CreateAsync(a.Contract, a.Officer, a.About("2016-12"), "Why?", null, default);
            var responses = Enumerable.Range(0, 4).Select(i => store.RespondAsync(created.Id, a.Trust, $"Answer {i}", default)).ToList();
            var close = store.CloseAsync(created.Id, a.Officer, ChallengeOutcome.Agreed, null, default);
            var answered = await Task.WhenAll(responses);
            var closed = await close;

            var stored = (await store.FindVisibleAsync(created.Id, a.Officer, default))!;
            Assert.Equal(ChallengeStatus.Closed, stored.Status);
            Assert.Equal(answered.Count(r => r!.Status == WriteStatus.Updated), stored.Responses.Count);
            Assert.Equal(WriteStatus.Updated, closed!.Status);
        }
    }

    [Fact]
    public async Task ClaimsAndTheSplitScreenReadBothVoices()
    {
        var a = await ArrangeAsync();
        await SubmitAsync(a, "2016-12", 52m, "Commentary.");
        clock.Now = clock.Now.AddMinutes(1);
        var note = await new ClaimStore(a.Db, clock).AddAsync(a.Contract, a.Trust, a.About("2016-12"), "A note.", default);
        var challenge = await new ChallengeStore(a.Db, clock).CreateAsync(a.Contract, a.Officer, a.About("2016-12"), "Why?", null, default);

        var claims = await new ClaimStore(a.Db, clock).ListAsync(a.Contract.Id, a.Measure, null, default);
        var screen = await new SplitScreenReader(a.Db, new StatusReader(a.Db, new MeasureStore(a.Db, clock), new EscalationStore(a.Db, clock), new ContractMonitor.Core.Spc.SpcRecalculationStore(a.Db, clock)), clock)
            .ReadAsync(a.Contract, new DateOnly(2017, 1, 20), null, default);

        Assert.Equal([(ClaimKind.Commentary, (long?)null, "Commentary."), (ClaimKind.Note, note.Id, "A note.")], claims.Select(c => (c.Kind, c.Id, c.Text)));
        var row = Assert.Single(screen.Rows);
        Assert.Equal(("2016-12", 52m, 1), (row.Standing.Period, row.Provider.Value!.Value, row.Provider.Revision!.Value));
        Assert.Equal(["Commentary.", "A note."], row.Provider.Claims.Select(c => c.Text));
        Assert.Equal([challenge.Id], row.Commissioner.Challenges.Select(c => c.Id));
    }
}

public sealed class SqliteVoicesStoreTests(MigratedSqliteFile file) : VoicesStoreTests, IClassFixture<MigratedSqliteFile>
{
    private protected override Database Open() => file.Database;
}

public sealed class SqlServerVoicesStoreTests(SqlServerFixture fixture) : VoicesStoreTests, IClassFixture<SqlServerFixture>
{
    private protected override Database Open() => fixture.Require();
}
