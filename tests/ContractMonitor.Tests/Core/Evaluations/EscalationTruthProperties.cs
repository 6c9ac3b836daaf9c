using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Contracts.Targets;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Core.Organisations;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using ContractMonitor.Core.Targets;
using ContractMonitor.Tests.Infrastructure;
using System.Text.RegularExpressions;
using Dapper;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Tests.Core.Evaluations;

/// <summary>
/// DESIGN §3.4 over random histories, through the real evaluator, stores and outbox on a real
/// SQLite file. Each case is one measure's series (values either side of target and tolerance,
/// months never sent, years without a target, either polarity, a random monitoredFrom) that
/// arrives in random batches four months apart, out of order, late, with wrong figures revised
/// later, evaluated after every batch on that batch's date (so periods fall due between batches);
/// beside it the same final figures arrive at once and are evaluated once. Afterwards, the status as
/// known at each batch's instant (DESIGN §5, knownAt), worked out from what was recorded by then,
/// must be the status the stored ratings gave at that instant. Half the cases also have an agreed
/// exception (issue 20), agreed at one batch and expired by a later one: while it holds the pieces
/// are held, and once it has expired the truth must be what it would have been without it. Half
/// have a change of the contract's rules from a month (issue 20: raiseAfter, resolveAfter and
/// returnDueDays), recorded when one batch arrives: the whole contract has it from the start.
/// </summary>
public sealed class EscalationTruthProperties(MigratedSqliteFile file) : IClassFixture<MigratedSqliteFile>
{
    private static readonly DateOnly Start = new(2024, 4, 1);
    private static readonly DateTimeOffset Today = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>When batch <paramref name="batch"/> of <paramref name="batches"/> arrives: four months apart, the last today.</summary>
    private static DateTimeOffset ArrivalOf(int batch, int batches) => Today.AddMonths(-4 * (batches - 1 - batch));

    /// <summary>The first batch, from <paramref name="batch"/> on, that arrives after the month has ended; the last if none.</summary>
    private static int Deliverable(int month, int batch, int batches)
    {
        var end = Start.AddMonths(month + 1);
        while (batch < batches - 1 && DateOnly.FromDateTime(ArrivalOf(batch, batches).UtcDateTime) <= end)
        {
            batch++;
        }

        return batch;
    }

    /// <summary>One month: how its final figure rates (g, a, r, or - never sent), where in its band, when it arrives, and a wrong figure sent first, if any.</summary>
    public sealed record Month(char Kind, int Offset, int Batch, (int Batch, char Kind)? Wrong);

    /// <summary>An agreed exception from a month, agreed when one batch arrives and expiring the day before a later one does.</summary>
    public sealed record Hold(int FromMonth, int AgreedBatch, int ExpiresBatch);

    /// <summary>The contract's rules changed from a month, recorded when one batch arrives.</summary>
    public sealed record Rules(int FromMonth, int AtBatch, int RaiseAfter, int ResolveAfter, int ReturnDueDays);

    public sealed record History(
        Polarity Polarity, Month[] Months, bool[] YearHasTarget, int MonitoredFromMonth, int Batches, Hold? Exception = null, Rules? Change = null)
    {
        public override string ToString() =>
            $"{Polarity} monitoredFrom+{MonitoredFromMonth} targets {string.Concat(YearHasTarget.Select(t => t ? 'T' : '_'))} batches {Batches}"
            + (Exception is { } x ? $" exception from +{x.FromMonth} agreed @{x.AgreedBatch} expires @{x.ExpiresBatch}" : "")
            + (Change is { } r ? $" rules from +{r.FromMonth} @{r.AtBatch}: raise {r.RaiseAfter} resolve {r.ResolveAfter} due {r.ReturnDueDays}" : "") + ": "
            + string.Join(" ", Months.Select(m => $"{m.Kind}{m.Offset}@{m.Batch}{(m.Wrong is { } w ? $"(was {w.Kind}@{w.Batch})" : "")}"));
    }

    private static readonly Gen<Month> Months =
        from kind in Gen.Elements('g', 'a', 'r', 'r', '-')
        from offset in Gen.Choose(0, 4)
        from batch in Gen.Choose(0, 3)
        from revised in Gen.Elements(false, false, false, true)
        from wrongKind in Gen.Elements('g', 'a', 'r')
        from wrongBatch in Gen.Choose(0, 3)
        select new Month(kind, offset, batch, revised && kind != '-' && wrongBatch < batch ? (wrongBatch, wrongKind) : null);

    private static readonly Gen<History> Histories =
        from polarity in Gen.Elements(Polarity.HigherIsBetter, Polarity.LowerIsBetter)
        from length in Gen.Choose(3, 30)
        from months in Gen.ArrayOf(Months, length)
        from targets in Gen.ArrayOf(Gen.Elements(true, true, true, false), 3)
        from monitoredFrom in Gen.Choose(0, 32)
        from held in Gen.Elements(false, true)
        from start in Gen.Choose(0, length - 1)
        from agreed in Gen.Choose(0, 2)
        from lasts in Gen.Choose(1, 3)
        from changed in Gen.Elements(false, true)
        from changeFrom in Gen.Choose(0, length - 1)
        from changeAt in Gen.Choose(0, 3)
        from raise in Gen.Choose(1, 4)
        from resolve in Gen.Choose(1, 4)
        from due in Gen.Elements(0, 15, 45)
        let batches = months.Max(m => m.Batch) + 1
        select new History(polarity, months, targets, monitoredFrom, batches,
            held && agreed + lasts < batches ? new Hold(start, agreed, agreed + lasts) : null,
            changed ? new Rules(changeFrom, Math.Min(changeAt, batches - 1), raise, resolve, due) : null);

    private sealed record Record(long Id, string Reason, string RunStart, string OpenedPeriod, long Level, string Status);

    [Fact]
    public void EvaluatingInPiecesTellsTheSameTruthAsEvaluatingAtOnce() =>
        Properties.Check(Prop.ForAll(Histories.ToArbitrary(), c => Holds(c).GetAwaiter().GetResult()), cases: 1000);

    private async Task<bool> Holds(History c)
    {
        var clock = new SettableClock { Now = ArrivalOf(0, c.Batches) };
        var pieces = await NewContractAsync(c, clock);
        var whole = await NewContractAsync(c, clock);
        var evaluator = new ContractEvaluator(file.Database, clock);
        var status = new StatusReader(file.Database, new MeasureStore(file.Database, clock), new EscalationStore(file.Database, clock),
            new ContractMonitor.Core.Spc.SpcRecalculationStore(file.Database, clock));
        var seen = new List<(DateTimeOffset At, DateOnly AsOf, string Status)>();

        for (var batch = 0; batch < c.Batches; batch++)
        {
            clock.Now = ArrivalOf(batch, c.Batches);
            if (c.Exception is { } hold && hold.AgreedBatch == batch)
            {
                await AgreeAsync(pieces, hold, c, clock);
            }

            if (c.Change is { } rules && rules.AtBatch == batch)
            {
                await ChangeRulesAsync(pieces, rules, clock);
            }

            var rows = Enumerable.Range(0, c.Months.Length)
                .SelectMany(i => Sent(c, i).Where(s => s.Batch == batch).Select(s => Row(pieces.Measure, i, s.Value)))
                .ToList();
            await SubmitAsync(pieces, rows, clock);
            // As the council's "evaluate now" would: periods that fell due since are rated too.
            await new EvaluationRequests(file.Database, clock).CreateAsync(pieces.Contract.Id, pieces.Admin, default);
            await evaluator.EvaluateContractAsync(pieces.Contract.Id, default);
            await CheckRunAsync(c, pieces, UkCalendar.Today(clock));
            var asOf = UkCalendar.Today(clock);
            // Read again, as a request would: the status is kept under the contract's read version.
            var contract = (await new ContractStore(file.Database, clock).FindVisibleAsync(pieces.Contract.Id, pieces.Admin, default))!;
            seen.Add((clock.GetUtcNow(), asOf, Json(await status.StatusAsync(contract, asOf, null, default))));
        }

        if (c.Change is { } final)
        {
            await ChangeRulesAsync(whole, final, clock);
        }

        await SubmitAsync(whole, Enumerable.Range(0, c.Months.Length).Where(i => c.Months[i].Kind != '-')
            .Select(i => Row(whole.Measure, i, Value(c, c.Months[i].Kind, c.Months[i].Offset))).ToList(), clock);
        await new EvaluationRequests(file.Database, clock).CreateAsync(whole.Contract.Id, pieces.Admin, default);
        await evaluator.EvaluateContractAsync(whole.Contract.Id, default);

        // Once more over the same data: nothing to do.
        await new EvaluationRequests(file.Database, clock).CreateAsync(pieces.Contract.Id, pieces.Admin, default);
        var again = await evaluator.EvaluateContractAsync(pieces.Contract.Id, default);
        Assert.True(again.EvaluationsWritten + again.EscalationsWritten + again.EventsWritten + again.NotificationsWritten == 0,
            $"A second evaluation of the same data wrote {again}.");

        static string Open(IEnumerable<Record> records) => string.Join(", ", records.Where(r => r.Status != "Resolved")
            .OrderBy(r => r.Reason, StringComparer.Ordinal).Select(r => $"{r.Reason} {r.RunStart}/{r.OpenedPeriod} L{r.Level} {r.Status}"));
        var inPieces = Open(await RecordsAsync(pieces.Contract.Id));
        var atOnce = Open(await RecordsAsync(whole.Contract.Id));
        Assert.True(inPieces == atOnce, $"In pieces: [{inPieces}]; at once: [{atOnce}].");
        await NoResolutionAtABadPeriodAsync(pieces.Contract.Id);

        // What a past view (knownAt) works out from what was recorded by then is what the stored view said then.
        var now = (await new ContractStore(file.Database, clock).FindVisibleAsync(pieces.Contract.Id, pieces.Admin, default))!;
        foreach (var (at, asOf, then) in seen)
        {
            var workedOut = Json(await status.StatusAsync(now, asOf, at.AddTicks(1), default));
            Assert.True(then == workedOut, $"At {at:u} the status said {then}; worked out afterwards it says {workedOut}.");
        }

        // A past view (knownAt) tells a record's state from its events alone: they must tell the stored one.
        foreach (var record in await new EscalationStore(file.Database, clock).ListAsync(pieces.Contract.Id, EscalationFilter.All, null, default))
        {
            var told = EscalationHistory.AsKnownAt(record, DateTimeOffset.MaxValue)!;
            Assert.True((told.Level, told.Status) == (record.Level, record.Status),
                $"Escalation {record.Id} is {record.Status} at level {record.Level}, but its events tell {told.Status} at level {told.Level}.");
        }

        return true;
    }

    private static string Json(ContractStanding standing) => System.Text.Json.JsonSerializer.Serialize(standing);

    private async Task AgreeAsync(World world, Hold hold, History c, TimeProvider clock)
    {
        var until = DateOnly.FromDateTime(ArrivalOf(hold.ExpiresBatch, c.Batches).UtcDateTime).AddDays(-1);
        var store = new ContractMonitor.Core.Exceptions.ExceptionStore(file.Database,
            EmailSettings.Read(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build()), clock);
        var agreed = await store.CreateAsync(world.Contract, world.Measure, world.Admin, new ContractMonitor.Contracts.Exceptions.CreateExceptionRequest(
            "Known.", Period.Containing(Frequency.Monthly, Start.AddMonths(hold.FromMonth)).ToString(), until), default);
        Assert.True(agreed.Status == ContractMonitor.Core.Data.WriteStatus.Created, $"{agreed.Detail} {c}");
    }

    private async Task ChangeRulesAsync(World world, Rules rules, TimeProvider clock)
    {
        var changed = await new PolicyChangeStore(file.Database, clock).ChangeAsync(world.Contract, world.Admin,
            Period.Containing(Frequency.Monthly, Start.AddMonths(rules.FromMonth)),
            new ChangePolicyRequest("Annual review.", ReturnDueDays: rules.ReturnDueDays, RaiseAfter: rules.RaiseAfter, ResolveAfter: rules.ResolveAfter),
            default);
        Assert.True(changed.Status is ContractMonitor.Core.Data.WriteStatus.Updated or ContractMonitor.Core.Data.WriteStatus.Unchanged, changed.Detail);
    }

    /// <summary>What the trust sends for a month, never before it has ended: a wrong figure first, if any, then the final one.</summary>
    private static IEnumerable<(int Batch, decimal Value)> Sent(History c, int i)
    {
        var month = c.Months[i];
        if (month.Kind == '-')
        {
            yield break;
        }

        var final = Deliverable(i, month.Batch, c.Batches);
        if (month.Wrong is { } wrong && Deliverable(i, wrong.Batch, c.Batches) is var early && early < final)
        {
            yield return (early, Value(c, wrong.Kind, (month.Offset + 2) % 5));
        }

        yield return (final, Value(c, month.Kind, month.Offset));
    }

    // Target 60 and tolerance 55 (higher is better), or 10 and 14 (lower is better); each band five values wide.
    private static decimal Value(History c, char kind, int offset) => (c.Polarity, kind) switch
    {
        (Polarity.HigherIsBetter, 'g') => 60 + offset,
        (Polarity.HigherIsBetter, 'a') => 55 + offset,
        (Polarity.HigherIsBetter, _) => 50 + offset,
        (_, 'g') => 6 + offset,
        (_, 'a') => 10.5m + (offset * 0.8m),
        _ => 15 + offset,
    };

    private sealed record World(Contract Contract, Measure Measure, Caller Admin, Caller Trust)
    {
        public long EmailedUpTo { get; set; }
    }

    private async Task<World> NewContractAsync(History c, TimeProvider clock)
    {
        var db = file.Database;
        var council = Scenario.UniqueCode("council");
        var trust = Scenario.UniqueCode("trust");
        var admin = new Caller("alice", council, Role.Admin);
        var organisations = new OrganisationStore(db, clock);
        await organisations.CreateAsync(admin, new CreateOrganisationRequest(council, "Council", OrganisationKind.Council), default);
        await organisations.CreateAsync(admin, new CreateOrganisationRequest(trust, "Trust", OrganisationKind.Provider), default);
        var contract = (await new ContractStore(db, clock).CreateAsync(admin, new CreateContractRequest(
            "REF", "Care", trust, Start, null, null, null, null, Start.AddMonths(c.MonitoredFromMonth)), default)).Value!;
        var measures = new MeasureStore(db, clock);
        await measures.CreateAsync(contract.Id, admin, new CreateMeasureRequest(
            "A1", "A1", null, null, MeasureUnit.Number, c.Polarity, Frequency.Monthly, 1, "2024-04"), default);
        var measure = (await measures.FindAsync(contract.Id, "A1", default))!;
        var (target, tolerance) = c.Polarity == Polarity.HigherIsBetter ? (60m, 55m) : (10m, 14m);
        for (var y = 0; y < 3; y++)
        {
            if (c.YearHasTarget[y])
            {
                await new TargetStore(db, clock).SetAsync(measure, new FinancialYear(2024 + y), admin, new SetTargetRequest(target, tolerance, "Set"), default);
            }
        }

        return new World(contract, measure, admin, new Caller("pat", trust, Role.Provider));
    }

    private static CheckedReturn Row(Measure measure, int month, decimal value) =>
        new(measure, Period.Containing(Frequency.Monthly, Start.AddMonths(month)), value, null, null, null);

    /// <summary>Sent on the clock's day, so each revision is stamped with the day it arrived, as past views read it.</summary>
    private async Task SubmitAsync(World world, List<CheckedReturn> rows, TimeProvider clock)
    {
        if (rows.Count > 0)
        {
            await new ReturnStore(file.Database, clock).SubmitAsync(world.Contract, world.Trust, rows, null, default);
        }
    }

    private async Task<IReadOnlyList<Record>> RecordsAsync(long contractId)
    {
        await using var connection = new SqliteConnection(file.ConnectionString);
        return (await connection.QueryAsync<Record>("""
            SELECT Id, Reason, RunStart, OpenedPeriod, Level, Status FROM Escalations WHERE ContractId = @contractId ORDER BY Id
            """, new { contractId })).ToList();
    }

    /// <summary>
    /// After every run: no identity on two records; every email the run wrote says "resolved" if and
    /// only if its record ends the run resolved, and never dates a resolution before the raise.
    /// </summary>
    /// <remarks>
    /// An identity is unique at every moment, not for ever: a record whose run was re-dated by a late
    /// figure (it keeps its record, see EscalationReconciler) and then split in two by a revision
    /// can leave its old identity to a new record, because one record cannot be two episodes.
    /// </remarks>
    private async Task CheckRunAsync(History c, World world, DateOnly today)
    {
        var records = await RecordsAsync(world.Contract.Id);
        var shared = records.GroupBy(r => (r.Reason, r.RunStart)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Reason} {g.Key.RunStart}").ToList();
        Assert.True(shared.Count == 0, $"On two records: {string.Join(", ", shared)}. {c}");

        await using var connection = new SqliteConnection(file.ConnectionString);
        await connection.OpenAsync();
        var emailed = await connection.QueryAsync<(long EventId, long EscalationId)>("""
            SELECT DISTINCT n.EventId, n.EscalationId FROM Notifications n
            WHERE n.ContractId = @ContractId AND n.EventId > @Seen
            """, new { ContractId = world.Contract.Id, Seen = world.EmailedUpTo });
        foreach (var (eventId, escalationId) in emailed)
        {
            var subject = EscalationEmail.WhatHappened(await EscalationEmailReader.ReadAsync(connection, eventId, today, default));
            var resolved = records.Single(r => r.Id == escalationId).Status == "Resolved";
            Assert.True(subject.Contains("resolved", StringComparison.Ordinal) == resolved, $"'{subject}' about a record {(resolved ? "resolved" : "open")}. {c}");
            if (Regex.Match(subject, "raised in ([0-9-]+), resolved .* in ([0-9-]+)$") is { Success: true } dates)
            {
                Assert.True(string.CompareOrdinal(dates.Groups[2].Value, dates.Groups[1].Value) >= 0, $"'{subject}'. {c}");
            }

            world.EmailedUpTo = Math.Max(world.EmailedUpTo, eventId);
        }
    }

    /// <summary>No record ends Resolved at a period the final series rates bad for its reason.</summary>
    private async Task NoResolutionAtABadPeriodAsync(long contractId)
    {
        await using var connection = new SqliteConnection(file.ConnectionString);
        var wrong = (await connection.QueryAsync<string>("""
            SELECT e.Reason || ' resolved in ' || ev.Period
            FROM Escalations e
            JOIN EscalationEvents ev ON ev.Id = (SELECT MAX(x.Id) FROM EscalationEvents x WHERE x.EscalationId = e.Id AND x.Type <> 'Acknowledged')
            JOIN Evaluations r ON r.MeasureId = e.MeasureId AND r.Period = ev.Period
            WHERE e.ContractId = @contractId AND e.Status = 'Resolved' AND ev.Type = 'Resolved'
              AND ((e.Reason = 'SustainedFailure' AND r.Rating = 'Failing')
                OR (e.Reason = 'MissingReturns' AND r.Rating = 'Missing')
                OR (e.Reason = 'SustainedDecline' AND r.Direction = 'Declining'))
            """, new { contractId })).ToList();
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }
}
