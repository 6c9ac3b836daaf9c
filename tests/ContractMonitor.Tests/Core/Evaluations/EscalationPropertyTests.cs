using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;
using ContractMonitor.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace ContractMonitor.Tests.Core.Evaluations;

/// <summary>
/// DESIGN §3.4's promises, over random series: the machine and the reconciler together, with the
/// store played by a list that applies each planned change as the database would.
/// </summary>
public sealed class EscalationPropertyTests
{
    private static readonly Period First = Period.Month(2016, 4);

    private static readonly Gen<EscalationRule> Rules =
        from raise in Gen.Choose(1, 4)
        from resolve in Gen.Choose(1, 4)
        from top in Gen.Choose(1, 5)
        from climbs in Gen.Elements(true, false)
        select new EscalationRule(raise, resolve, top, climbs);

    private static readonly Gen<bool[]> Series = Gen.Choose(0, 40).SelectMany(n => Gen.ArrayOf(Gen.Elements(true, false, false), n));

    private static List<(Period, bool)> Periods(IEnumerable<bool> series) =>
        series.Select((bad, i) => (Month(i), bad)).ToList();

    private static Period Month(int i) => Period.Containing(First.Frequency, First.Start.AddMonths(i));

    /// <summary>Evaluates a series against the stored list, as the evaluator does, and returns how many changes it made.</summary>
    private static int Evaluate(List<StoredEscalation> store, IReadOnlyList<bool> series, EscalationRule rule, IReadOnlyList<Period> revised)
    {
        var changes = EscalationReconciler.Plan(EscalationMachine.Run(Periods(series), rule), store, revised);
        foreach (var change in changes)
        {
            switch (change)
            {
                case Create create:
                    Assert.True(create.Episode.IsResolved || store.All(s => s.Status == EscalationStatus.Resolved),
                        "a second unresolved escalation would break the unique index");
                    store.Add(new StoredEscalation(store.Count + 1, create.Episode.OpenedPeriod, create.Episode.Last.Period,
                        create.Episode.Last.Level, create.Episode.Last.Status));
                    break;
                case Advance advance:
                    store[store.FindIndex(s => s.Id == advance.Escalation.Id)] = advance.Escalation with
                    {
                        LastPeriod = advance.State.Period, Level = advance.State.Level, Status = advance.State.Status,
                    };
                    break;
                case Supersede supersede:
                    store[store.FindIndex(s => s.Id == supersede.Escalation.Id)] = supersede.Escalation with { Status = EscalationStatus.Resolved };
                    break;
            }
        }

        return changes.Count;
    }

    private static (Period Opened, int Level, EscalationStatus Status)? OpenOf(List<StoredEscalation> store) =>
        store.SingleOrDefault(s => s.Status != EscalationStatus.Resolved) is { } open ? (open.OpenedPeriod, open.Level, open.Status) : null;

    [Fact]
    public void ASeriesThatNeverFailsNeverEscalates() => Properties.Check(Prop.ForAll(
        Rules.ToArbitrary(), Gen.Choose(0, 60).ToArbitrary(),
        (rule, length) => EscalationMachine.Run(Periods(Enumerable.Repeat(false, length)), rule).Count == 0));

    [Fact]
    public void RunsShorterThanRaiseAfterNeverEscalate() => Properties.Check(Prop.ForAll(
        Rules.ToArbitrary(), Series.ToArbitrary(),
        (rule, series) =>
        {
            var longest = series.Aggregate((Run: 0, Max: 0), (a, bad) => bad ? (a.Run + 1, Math.Max(a.Max, a.Run + 1)) : (0, a.Max)).Max;
            return longest >= rule.RaiseAfter || EscalationMachine.Run(Periods(series), rule).Count == 0;
        }));

    [Fact]
    public void LevelsStayOnTheLadder() => Properties.Check(Prop.ForAll(
        Rules.ToArbitrary(), Series.ToArbitrary(),
        (rule, series) => EscalationMachine.Run(Periods(series), rule)
            .SelectMany(e => e.Trace).All(s => s.Level >= 1 && s.Level <= Math.Max(1, rule.TopLevel) && (rule.Climbs || s.Level == 1))));

    [Fact]
    public void EvaluatingTheSameSeriesAgainChangesNothing() => Properties.Check(Prop.ForAll(
        Rules.ToArbitrary(), Series.ToArbitrary(),
        (rule, series) =>
        {
            var store = new List<StoredEscalation>();
            Evaluate(store, series, rule, []);
            var before = store.ToList();
            return Evaluate(store, series, rule, []) == 0 && before.SequenceEqual(store);
        }));

    [Fact]
    public void EvaluatingInPiecesEndsWithTheSameOpenEscalationAsAllAtOnce() => Properties.Check(Prop.ForAll(
        Rules.ToArbitrary(), Series.ToArbitrary(), Gen.ListOf(Gen.Choose(0, 40)).ToArbitrary(),
        (rule, series, cuts) =>
        {
            var whole = new List<StoredEscalation>();
            Evaluate(whole, series, rule, []);

            var pieces = new List<StoredEscalation>();
            foreach (var cut in cuts.Where(c => c <= series.Length).Order().Append(series.Length))
            {
                Evaluate(pieces, series[..cut], rule, []);
            }

            return OpenOf(pieces) == OpenOf(whole);
        }));

    [Fact]
    public void RevisionsOnTheWayEndWithTheSameOpenEscalationAsTheFinalFiguresAlone() => Properties.Check(Prop.ForAll(
        Rules.ToArbitrary(), Series.ToArbitrary(), Gen.ListOf(Gen.Choose(0, 40)).ToArbitrary(),
        (rule, series, flips) =>
        {
            var whole = new List<StoredEscalation>();
            Evaluate(whole, series, rule, []);

            // The figures arrive wrong first: each flip is a period that was bad and is revised good, or the reverse.
            var store = new List<StoredEscalation>();
            var early = series.ToArray();
            foreach (var flip in flips.Where(f => f < early.Length))
            {
                early[flip] = !early[flip];
                Evaluate(store, early, rule, []);
            }

            var revised = Enumerable.Range(0, series.Length).Where(i => early[i] != series[i]).Select(Month).ToList();
            Evaluate(store, series, rule, revised);
            var settled = store.ToList();
            return OpenOf(store) == OpenOf(whole) && Evaluate(store, series, rule, revised) == 0 && settled.SequenceEqual(store);
        }));
}
