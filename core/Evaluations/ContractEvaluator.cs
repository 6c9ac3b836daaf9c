using System.Data.Common;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Spc;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ContractMonitor.Core.Evaluations;

/// <summary>
/// Rates the measures of a contract that need it and moves their escalations on. Everything it
/// reads and writes is in one transaction per contract, taken under a per-contract lock, so two
/// workers never interleave on a contract, a crash leaves nothing half done, and running it again
/// over the same data writes nothing.
/// </summary>
internal sealed partial class ContractEvaluator(Database database, TimeProvider clock, ILogger<ContractEvaluator>? logger = null)
{
    public const string Actor = "system:evaluator";

    private static readonly EscalationReason[] Reasons = Enum.GetValues<EscalationReason>();

    private const string ContractsDueSql = """
        SELECT m.ContractId FROM PendingEvaluations p JOIN Measures m ON m.Id = p.MeasureId
        UNION
        SELECT ContractId FROM EvaluationRequests WHERE CompletedAt IS NULL
        """;

    /// <summary>The contracts with marked periods or an unanswered "evaluate now", read from our tables.</summary>
    public async Task<IReadOnlyList<long>> ContractsDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var ids = await connection.QueryAsync<long>(new CommandDefinition(ContractsDueSql, cancellationToken: cancellationToken));
        return ids.Order().ToList();
    }

    public async Task<EvaluationOutcome> EvaluateDueAsync(CancellationToken cancellationToken)
    {
        var outcome = EvaluationOutcome.None;
        foreach (var contractId in await ContractsDueAsync(cancellationToken))
        {
            try
            {
                outcome = outcome.Add(await EvaluateContractAsync(contractId, cancellationToken));
            }
            catch (DbException ex) when (!cancellationToken.IsCancellationRequested
                                         && (SqlDialect.Classify(ex) == DbFailure.Busy || !SqlDialect.IsUnavailable(ex)))
            {
                // One contract that cannot be evaluated now (locked by another run, or failing) must
                // not stop the others. Its marks stay, so the next run tries it again. A server that is
                // down is another matter: every contract would wait out its timeout, so that stops the run.
                ContractSkipped(logger ?? NullLogger<ContractEvaluator>.Instance, ex, contractId, SqlDialect.Classify(ex));
                outcome = outcome.Add(EvaluationOutcome.None with { Skipped = 1 });
            }
        }

        return outcome;
    }

    /// <summary>
    /// Evaluates the contract's marked measures, or all of them when someone asked for it; then
    /// clears the marks it used and answers the requests it saw.
    /// </summary>
    public async Task<EvaluationOutcome> EvaluateContractAsync(long contractId, CancellationToken cancellationToken)
    {
        var took = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await DbRetry.RunAsync(() => EvaluateOnceAsync(contractId, cancellationToken));
        if (outcome.Contracts > 0)
        {
            Telemetry.ServiceMetrics.Evaluated(took.Elapsed);
        }

        return outcome;
    }

    private async Task<EvaluationOutcome> EvaluateOnceAsync(long contractId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = UkCalendar.Today(clock);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var read = await ReadAsync(transaction, contractId, cancellationToken);
        if (read is null)
        {
            return EvaluationOutcome.None;
        }

        var writer = new EvaluationWriter(transaction, database.Dialect, read.ContractId, read.Terms, now, cancellationToken);
        var marked = read.Marks.Select(m => m.MeasureId).ToHashSet();
        var measures = read.Requests.Count > 0 ? read.Measures : read.Measures.Where(m => marked.Contains(m.Id)).ToList();
        foreach (var measure in measures)
        {
            await EvaluateMeasureAsync(writer, read, measure, today, cancellationToken);
        }

        await writer.FlushAsync();
        var cleared = await writer.ClearMarksAsync(read.Marks);
        await writer.CompleteRequestsAsync(read.Requests);
        if (writer.EvaluationsWritten + writer.EscalationsWritten + writer.EventsWritten > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(ContractStore.TouchSql, new { ContractId = contractId }, transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        foreach (var (reason, level) in writer.Opened)
        {
            Telemetry.ServiceMetrics.Opened(reason, level);
        }

        return new EvaluationOutcome(1, measures.Count, writer.EvaluationsWritten, writer.EscalationsWritten, writer.EventsWritten, cleared,
            writer.NotificationsWritten);
    }

    private static async Task EvaluateMeasureAsync(
        EvaluationWriter writer, ContractSnapshot read, MeasureTerms measure, DateOnly today, CancellationToken cancellationToken)
    {
        var figures = read.Figures[measure.Id].Select(f => f.ToFigure(measure.Frequency, read.Terms)).ToDictionary(f => f.Period);
        var targets = read.Targets[measure.Id].ToDictionary(t => t.FinancialYear);
        var stored = read.Evaluations[measure.Id].ToDictionary(e => Period.Parse(e.Period, measure.Frequency));
        var series = SeriesRules.Rate(measure, read.Terms, figures, targets.ToDictionary(t => t.Key, t => t.Value.ToVersion()), today);
        var between = SeriesChanges.Between(
            stored.ToDictionary(e => e.Key, e => e.Value.ToStored(e.Key)), series, year => targets.GetValueOrDefault(year)?.SetBy,
            measure, read.Terms);
        // A retired measure's open escalations resolve in its retirement period, and say why (issue 20),
        // once its last owed period has fallen due: until then that period may still raise or climb.
        var endsAt = measure.RetiredFrom is { } retired && read.Terms.DueDate(retired.Previous()) < today ? retired : (Period?)null;
        var changes = endsAt is { } end
            ? new SeriesChanges(between.All.Append(new SeriesChange(ChangeKind.MeasureRetired, end)).Distinct())
            : between;
        // An agreed exception that holds today: bad periods from its start neither open nor climb. One
        // that has just ended or expired marked the measure: what the escalations now do is its cause.
        var holds = read.Holds[measure.Id].ToList();
        var holdingNow = holds.Where(h => h.HoldsOn(today)).ToList();
        Period? HoldsFrom(EscalationReason reason) => holdingNow.Select(h => (Period?)h.HoldsFromFor(reason, measure.Frequency)).Min();
        if (read.Marks.Where(m => m.MeasureId == measure.Id && m.Reason == nameof(EvaluationReason.Policy))
                .Select(m => (Period?)Period.Parse(m.Period, measure.Frequency)).Min() is { } changedFrom)
        {
            changes = new SeriesChanges(changes.All.Append(new SeriesChange(ChangeKind.PolicyChanged, changedFrom)));
        }

        if (read.Marks.Any(m => m.MeasureId == measure.Id && m.Reason == nameof(EvaluationReason.Exception))
            && holds.Where(h => !h.HoldsOn(today) && (h.EndedOn ?? h.Until.AddDays(1)) >= today.AddDays(-(int)PastDueMarker.LookBack.TotalDays))
                .Select(h => (Period?)Period.Parse(h.HoldsFrom, measure.Frequency)).Min() is { } lifted)
        {
            changes = new SeriesChanges(changes.All.Append(new SeriesChange(ChangeKind.ExceptionLifted, lifted)));
        }

        foreach (var rating in series)
        {
            var before = stored.GetValueOrDefault(rating.Period);
            if (before is null || !before.Matches(rating))
            {
                await writer.WriteEvaluationAsync(measure.Id, before?.Id, rating);
            }
        }

        var rated = series.Select(r => r.Period).ToHashSet();
        foreach (var gone in stored.Where(e => !rated.Contains(e.Key)))
        {
            await writer.DeleteEvaluationAsync(gone.Value.Id);
        }

        foreach (var reason in Reasons.Where(r => r != EscalationReason.SpecialCauseConcern || read.SpecialCause))
        {
            // The rule in force for each period: a change of the thresholds from a period (issue 20)
            // judges that period and later ones, and leaves the earlier ones as they were judged.
            EscalationRule RuleFor(PolicyVersion policy) =>
                EscalationRule.For(reason, policy.RaiseAfter, policy.ResolveAfter, policy.DeclineRunLength, read.TopLevel);
            var constant = RuleFor(read.Policies.Initial);
            Func<Period, EscalationRule> rule = read.Policies.Changes.Count == 0 ? _ => constant : period => RuleFor(read.Policies.At(period));
            // A concern escalation also follows where its limits now start, which no rating shows.
            var causes = reason == EscalationReason.SpecialCauseConcern
                         && read.Marks.Any(m => m.MeasureId == measure.Id && m.Reason == nameof(EvaluationReason.Spc))
                ? new SeriesChanges(changes.All.Append(new SeriesChange(ChangeKind.SpcRecalculation, measure.Start)))
                : changes;
            var signals = reason == EscalationReason.SpecialCauseConcern
                ? SpcSignals.Of(series, measure.Polarity, read.Recalculations[measure.Id].Select(p => Period.Parse(p, measure.Frequency)).ToList())
                : SeriesRules.EscalationSeries(series, reason);
            var episodes = EscalationMachine.Run(Exceptions.AgreedException.Hold(signals, HoldsFrom(reason)), rule, endsAt);
            var records = read.Escalations[measure.Id]
                .Where(e => e.Reason == reason.ToString())
                .Select(e => e.ToStored(measure.Frequency, read.Events[e.Id]))
                .ToList();
            foreach (var change in EscalationReconciler.Plan(episodes, records, causes))
            {
                await writer.ApplyAsync(measure.Id, reason, change, endsAt);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contract {ContractId} was not evaluated this run ({Failure}); its marks stay for the next")]
    private static partial void ContractSkipped(ILogger logger, Exception exception, long contractId, DbFailure failure);
}
