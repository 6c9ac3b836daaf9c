using ContractMonitor.Core.Notifications;
using Microsoft.Extensions.Logging;

namespace ContractMonitor.Core.Jobs;

/// <summary>
/// Sends the outbox and writes the monthly digests. Both read what is due from the outbox itself, so
/// running either twice, in parallel or after a crash sends nothing twice (bar the window the
/// dispatcher documents).
/// </summary>
internal sealed partial class NotificationJobs(
    NotificationDispatcher dispatcher, MonthlyDigest digest, OutboxRetention retention, TimeProvider clock, ILogger<NotificationJobs> logger)
{
    public async Task DispatchAsync(CancellationToken cancellationToken)
    {
        var outcome = await dispatcher.DispatchDueAsync(cancellationToken);
        if (outcome != DispatchOutcome.None)
        {
            Log.Dispatched(logger, outcome.Sent, outcome.Retrying, outcome.Failed);
        }
    }

    public async Task MonthlyDigestAsync(CancellationToken cancellationToken)
    {
        var written = await digest.WriteDueAsync(cancellationToken);
        if (written > 0)
        {
            Log.DigestsWritten(logger, written);
            await DispatchAsync(cancellationToken);
        }
    }

    public async Task ClearSentBodiesAsync(CancellationToken cancellationToken)
    {
        var cleared = await retention.ClearSentBodiesAsync(clock.GetUtcNow(), cancellationToken);
        if (cleared > 0)
        {
            Log.BodiesCleared(logger, cleared, OutboxRetention.KeepBodiesFor.Days);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Emails: {Sent} sent, {Retrying} to retry, {Failed} failed")]
        public static partial void Dispatched(ILogger logger, int sent, int retrying, int failed);

        [LoggerMessage(2, LogLevel.Information, "Wrote {Emails} monthly digest emails")]
        public static partial void DigestsWritten(ILogger logger, int emails);

        [LoggerMessage(3, LogLevel.Information, "Cleared the bodies of {Emails} emails sent more than {Days} days ago")]
        public static partial void BodiesCleared(ILogger logger, int emails, int days);
    }
}
