using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Exceptions;
using ContractMonitor.Core.Exceptions;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Api.Features.Exceptions;

/// <summary>The agreed exceptions holding on the day a read is of, by measure: what status and the split screen show beside a measure (issue 20).</summary>
internal sealed class ExceptionHolds(IReadOnlyDictionary<string, AgreedException> holding)
{
    public static async Task<ExceptionHolds> ReadAsync(
        ExceptionStore store, long contractId, DateTimeOffset? knownAt, TimeProvider clock, CancellationToken cancellationToken)
    {
        var day = knownAt is { } at ? UkCalendar.DayEndedBy(at) : UkCalendar.Today(clock);
        return await ReadAsync(store, contractId, knownAt, day, cancellationToken);
    }

    /// <summary>As known at <paramref name="knownAt"/> (null for now), those holding on <paramref name="day"/>.</summary>
    public static async Task<ExceptionHolds> ReadAsync(
        ExceptionStore store, long contractId, DateTimeOffset? knownAt, DateOnly day, CancellationToken cancellationToken)
    {
        var known = (await store.ListAsync(contractId, cancellationToken)).Select(x => knownAt is { } then ? x.AsKnownAt(then) : x).OfType<AgreedException>();
        return new ExceptionHolds(known.Where(x => x.HoldsOn(day))
            .GroupBy(x => x.MeasureCode).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Until).First()));
    }

    /// <summary>The exception holding the measure on the day read, if any.</summary>
    public AgreedException? Holding(string code) => holding.GetValueOrDefault(code);

    public ExceptionSummary? For(string code) =>
        holding.TryGetValue(code, out var x) ? new ExceptionSummary(x.Id, x.Reason, x.HoldsFrom.ToString(), x.Until) : null;

    /// <summary>
    /// An open escalation of a held measure, saying until when it is held: once the hold covers the
    /// period shown, since before that an earlier period may still move it.
    /// </summary>
    public EscalationSummary? Held(string code, string? period, EscalationSummary? escalation) =>
        escalation is not null && holding.TryGetValue(code, out var x) && Covers(x, period) ? escalation with { HeldUntil = x.Until } : escalation;

    public IReadOnlyList<EscalationSummary> Held(string code, string? period, IReadOnlyList<EscalationSummary> escalations) =>
        [.. escalations.Select(e => Held(code, period, e)!)];

    public static bool Covers(AgreedException x, string? period) =>
        period is not null && Period.TryParse(period, out var shown) && shown.Frequency == x.HoldsFrom.Frequency && shown >= x.HoldsFrom;
}
