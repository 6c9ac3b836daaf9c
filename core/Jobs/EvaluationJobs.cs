using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Idempotency;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Logging;

namespace ContractMonitor.Core.Jobs;

/// <summary>
/// The methods Hangfire runs. Each reads what is due from our tables and is safe to run twice, in
/// parallel or after a crash: the database's keys and compare-and-set make the second run a no-op.
/// </summary>
internal sealed partial class EvaluationJobs(
    ContractEvaluator evaluator, PastDueMarker pastDue, Exceptions.ExceptionStore exceptions, IdempotencyKeys keys, IBackgroundJobClient jobs,
    JobStorage storage, TimeProvider clock, ILogger<EvaluationJobs> logger)
{
    /// <summary>
    /// Held by a run over the due contracts, in Hangfire's storage so it holds across workers. At
    /// 00:15 evaluate-due and mark-past-due fire together, and a long run can outlast five minutes:
    /// one run at a time keeps the marker's writes and an evaluation's reads of the marks apart
    /// (issue 22, item 7), rather than every contract's lock being fought over twice.
    /// </summary>
    public const string RunLock = "contractmonitor:evaluation-run";

    /// <summary>
    /// A run that finds another in progress leaves the work to it, or to the run five minutes on:
    /// what is due is read from the marks, which stay until evaluated.
    /// </summary>
    public async Task EvaluateDueAsync(CancellationToken cancellationToken)
    {
        using var connection = storage.GetConnection();
        using var run = TryLock(connection, TimeSpan.Zero);
        if (run is null)
        {
            Log.RunInProgress(logger);
            return;
        }

        Evaluated(await evaluator.EvaluateDueAsync(cancellationToken));
    }

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

    /// <summary>
    /// Marks the periods that fell due, then evaluates them unless a run is in progress; then that
    /// run or the next, five minutes on, does. The marking is one statement that retries deadlocks, so
    /// it need not wait for the run, and waiting would hold one of the few Hangfire workers idle.
    /// </summary>
    public async Task MarkPastDueAsync(CancellationToken cancellationToken)
    {
        // Exceptions whose last day has passed expire with the day, and mark their measures too.
        Log.Expired(logger, await exceptions.ExpireDueAsync(cancellationToken));
        Log.MarkedPastDue(logger, await pastDue.MarkAsync(cancellationToken));
        await EvaluateDueAsync(cancellationToken);
    }

    private static IDisposable? TryLock(IStorageConnection connection, TimeSpan wait)
    {
        try
        {
            return connection.AcquireDistributedLock(RunLock, wait);
        }
        catch (DistributedLockTimeoutException)
        {
            return null;
        }
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

        [LoggerMessage(5, LogLevel.Information, "{Exceptions} agreed exceptions expired")]
        public static partial void Expired(ILogger logger, int exceptions);

        [LoggerMessage(4, LogLevel.Information, "An evaluation run is in progress elsewhere; this one leaves the due contracts to it")]
        public static partial void RunInProgress(ILogger logger);
    }
}
