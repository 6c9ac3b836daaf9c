using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Idempotency;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ContractMonitor.Core.Jobs;

/// <summary>
/// The methods Hangfire runs. Each reads what is due from our tables and is safe to run twice, in
/// parallel or after a crash: the database's keys and compare-and-set make the second run a no-op.
/// </summary>
internal sealed partial class EvaluationJobs(
    ContractEvaluator evaluator, PastDueMarker pastDue, IdempotencyKeys keys, IBackgroundJobClient jobs, TimeProvider clock,
    ILogger<EvaluationJobs> logger)
{
    public async Task EvaluateDueAsync(CancellationToken cancellationToken) =>
        Evaluated(await evaluator.EvaluateDueAsync(cancellationToken));

    public async Task EvaluateContractAsync(long contractId, CancellationToken cancellationToken) =>
        Evaluated(await evaluator.EvaluateContractAsync(contractId, cancellationToken));

    // New emails are sent at once rather than at the next minute; if this enqueue is lost, the
    // recurring dispatch still finds them in the outbox.
    private void Evaluated(EvaluationOutcome outcome)
    {
        Log.Evaluated(logger, outcome.Contracts, outcome.Measures, outcome.EvaluationsWritten, outcome.EventsWritten);
        if (outcome.NotificationsWritten > 0)
        {
            jobs.Enqueue<NotificationJobs>(j => j.DispatchAsync(CancellationToken.None));
        }
    }

    public async Task MarkPastDueAsync(CancellationToken cancellationToken)
    {
        Log.MarkedPastDue(logger, await pastDue.MarkAsync(cancellationToken));
        await EvaluateDueAsync(cancellationToken);
    }

    public async Task PurgeIdempotencyKeysAsync(CancellationToken cancellationToken)
    {
        Log.Purged(logger, await keys.PurgeAsync(clock.GetUtcNow(), cancellationToken));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information,
            "Evaluated {Contracts} contracts, {Measures} measures: {Evaluations} evaluations and {Events} escalation events written")]
        public static partial void Evaluated(ILogger logger, int contracts, int measures, int evaluations, int events);

        [LoggerMessage(2, LogLevel.Information, "Marked {Periods} periods newly past their due date")]
        public static partial void MarkedPastDue(ILogger logger, int periods);

        [LoggerMessage(3, LogLevel.Information, "Purged {Keys} idempotency keys past their retention")]
        public static partial void Purged(ILogger logger, int keys);
    }
}
