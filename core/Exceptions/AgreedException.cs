using ContractMonitor.Contracts.Exceptions;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Exceptions;

/// <summary>One step of an exception's life.</summary>
internal sealed record ExceptionStep(ExceptionEventType Type, DateOnly Until, string? Note, string Actor, DateTimeOffset OccurredAt);

/// <summary>
/// An agreed exception (issue 20): the council agrees a measure will fail for a known reason until a
/// day, and its escalations neither open nor climb meanwhile. An open one is held. Ratings and
/// figures are untouched; when the exception ends or expires, the escalation rules run again over
/// the periods since it began, as if they had been evaluated then.
/// </summary>
/// <param name="HoldsFrom">The first period the hold covers: never one rated when it was agreed, so nothing told is taken back.</param>
/// <param name="AgreedOn">The day it was agreed, in English time: it holds from then.</param>
/// <param name="EndedOn">The day it was ended early: it no longer holds that day.</param>
internal sealed record AgreedException(
    long Id, long ContractId, long MeasureId, string MeasureCode, string Reason, Period FromPeriod, Period HoldsFrom, DateOnly AgreedOn,
    DateOnly Until, DateOnly? EndedOn, IReadOnlyList<ExceptionStep> Steps)
{
    /// <summary>Where the hold starts for missing returns, when it differs from <see cref="HoldsFrom"/>.</summary>
    public Period? MissingHoldsFrom { get; init; }

    /// <summary>Where the hold starts for sustained decline, when it differs from <see cref="HoldsFrom"/>.</summary>
    public Period? DeclineHoldsFrom { get; init; }

    /// <summary>The first period the hold covers for one reason: after the last period that said something to it when agreed.</summary>
    public Period HoldsFromFor(ContractMonitor.Contracts.Escalations.EscalationReason reason) =>
        StartFor(reason, HoldsFrom, MissingHoldsFrom, DeclineHoldsFrom);

    /// <summary>The rule for where a hold starts by reason, for this and for the evaluation's lighter read of the row.</summary>
    /// <param name="missing">The missing-returns start, if the exception has its own (M0015).</param>
    /// <param name="decline">The decline start, if the exception has its own.</param>
    internal static Period StartFor(ContractMonitor.Contracts.Escalations.EscalationReason reason, Period holdsFrom, Period? missing, Period? decline) =>
        reason switch
        {
            ContractMonitor.Contracts.Escalations.EscalationReason.MissingReturns => missing ?? holdsFrom,
            ContractMonitor.Contracts.Escalations.EscalationReason.SustainedDecline => decline ?? holdsFrom,
            _ => holdsFrom,
        };

    /// <summary>
    /// The exception as it was known at <paramref name="knownAt"/> (DESIGN §5): its last day as then
    /// agreed or extended, and not ended unless it had been; null if it was not yet agreed.
    /// </summary>
    public AgreedException? AsKnownAt(DateTimeOffset knownAt)
    {
        var known = Steps.Where(s => s.OccurredAt < knownAt).ToList();
        if (known.Count == 0)
        {
            return null;
        }

        var ended = known.LastOrDefault(s => s.Type == ExceptionEventType.Ended);
        return this with
        {
            Until = known.Last(s => s.Type is ExceptionEventType.Agreed or ExceptionEventType.Extended).Until,
            EndedOn = ended is null ? null : Periods.UkCalendar.DateOf(ended.OccurredAt),
            Steps = known,
        };
    }

    public bool HoldsOn(DateOnly day) => HoldsOn(AgreedOn, Until, EndedOn, day);

    /// <summary>From the day it was agreed to its last day, unless ended early: it no longer holds the day it is ended.</summary>
    internal static bool HoldsOn(DateOnly agreedOn, DateOnly until, DateOnly? endedOn, DateOnly day) =>
        day >= agreedOn && day <= until && (endedOn is not { } ended || day < ended);

    public ExceptionStatus StatusOn(DateOnly day) =>
        EndedOn is { } ended && ended <= day ? ExceptionStatus.Ended
        : day > Until ? ExceptionStatus.Expired
        : ExceptionStatus.Holding;

    /// <summary>
    /// What one period says to an escalation while the exception holds: a bad period from the hold
    /// on is a gap (it neither opens nor climbs); every other signal is as it was.
    /// </summary>
    public static IEnumerable<(Period Period, Signal Signal)> Hold(
        IEnumerable<(Period Period, Signal Signal)> series, Period? holdsFrom) =>
        holdsFrom is not { } from ? series : series.Select(s => s.Signal == Signal.Bad && s.Period >= from ? (s.Period, Signal.Gap) : s);
}
