using ContractMonitor.Core.Periods;
using Hangfire;

namespace ContractMonitor.Core.Jobs;

/// <summary>
/// Every recurring job, its id and its schedule, in Europe/London time so "daily" follows the
/// council's day through the clock changes. Registering is idempotent: every server does it on start.
/// </summary>
internal static class RecurringJobs
{
    public const string EvaluateDue = "evaluate-due";
    public const string MarkPastDue = "mark-past-due";
    public const string PurgeIdempotencyKeys = "purge-idempotency-keys";
    public const string DispatchEmails = "dispatch-emails";
    public const string MonthlyDigest = "monthly-digest";
    public const string ClearSentEmailBodies = "clear-sent-email-bodies";

    public const string EveryFiveMinutes = "*/5 * * * *";
    public const string DailyAfterMidnight = "15 0 * * *";
    public const string DailyAtThree = "0 3 * * *";
    public const string EveryMinute = "* * * * *";

    // Daily: the job itself knows the first working day of the month and catches up after it.
    public const string DailyAtSeven = "0 7 * * *";

    public static void Register(IRecurringJobManager manager)
    {
        var options = new RecurringJobOptions { TimeZone = UkCalendar.TimeZone };
        manager.AddOrUpdate<EvaluationJobs>(EvaluateDue, j => j.EvaluateDueAsync(CancellationToken.None), EveryFiveMinutes, options);
        manager.AddOrUpdate<EvaluationJobs>(MarkPastDue, j => j.MarkPastDueAsync(CancellationToken.None), DailyAfterMidnight, options);
        manager.AddOrUpdate<EvaluationJobs>(PurgeIdempotencyKeys, j => j.PurgeIdempotencyKeysAsync(CancellationToken.None), DailyAtThree, options);
        manager.AddOrUpdate<NotificationJobs>(DispatchEmails, j => j.DispatchAsync(CancellationToken.None), EveryMinute, options);
        manager.AddOrUpdate<NotificationJobs>(MonthlyDigest, j => j.MonthlyDigestAsync(CancellationToken.None), DailyAtSeven, options);
        manager.AddOrUpdate<NotificationJobs>(ClearSentEmailBodies, j => j.ClearSentBodiesAsync(CancellationToken.None), DailyAtThree, options);
    }
}
