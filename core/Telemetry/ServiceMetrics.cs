using System.Diagnostics.Metrics;
using ContractMonitor.Contracts.Escalations;

namespace ContractMonitor.Core.Telemetry;

/// <summary>
/// The service's own meter (issue 21): what an operator needs to see that figures arrive, ratings
/// run, escalations open and emails go. Recorded after the work has committed, so a transaction run
/// again after a deadlock is counted once.
/// </summary>
internal static class ServiceMetrics
{
    public const string MeterName = "ContractMonitor";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> ReturnsAccepted =
        Meter.CreateCounter<long>("contractmonitor.returns.accepted", "{return}", "Returns stored from accepted batches (repeats of a figure included).");

    private static readonly Counter<long> ReturnsRefused =
        Meter.CreateCounter<long>("contractmonitor.returns.refused", "{batch}", "Return batches refused whole, by why (malformed, too_large, unsupported_type, invalid, key_reused, locked, changed, conflict).");

    private static readonly Counter<long> Evaluations =
        Meter.CreateCounter<long>("contractmonitor.evaluations", "{contract}", "Contracts evaluated.");

    private static readonly Histogram<double> EvaluationDuration =
        Meter.CreateHistogram<double>("contractmonitor.evaluation.duration", "s", "How long one contract's evaluation took, to its commit.");

    private static readonly Counter<long> EscalationsOpened =
        Meter.CreateCounter<long>("contractmonitor.escalations.opened", "{escalation}",
            "Escalations raised (level 1) or climbing to a level, by reason and level.");

    private static readonly Counter<long> Emails =
        Meter.CreateCounter<long>("contractmonitor.emails", "{email}", "Emails by what became of an attempt: sent, retried or failed.");

    private static long outboxBacklog;

    static ServiceMetrics()
    {
        Meter.CreateObservableGauge("contractmonitor.outbox.backlog", () => Interlocked.Read(ref outboxBacklog), "{email}",
            "Emails waiting to be sent, as the last dispatch in this process left them.");
    }

    public static void Accepted(int rows) => ReturnsAccepted.Add(rows);

    public static void Refused(string why) => ReturnsRefused.Add(1, new KeyValuePair<string, object?>("reason", why));

    public static void Evaluated(TimeSpan took)
    {
        Evaluations.Add(1);
        EvaluationDuration.Record(took.TotalSeconds);
    }

    public static void Opened(EscalationReason reason, int level) =>
        EscalationsOpened.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()), new KeyValuePair<string, object?>("level", level));

    public static void Dispatched(int sent, int retried, int failed)
    {
        Add("sent", sent);
        Add("retried", retried);
        Add("failed", failed);
        static void Add(string outcome, int count)
        {
            if (count > 0)
            {
                Emails.Add(count, new KeyValuePair<string, object?>("outcome", outcome));
            }
        }
    }

    public static void Backlog(long waiting) => Interlocked.Exchange(ref outboxBacklog, waiting);
}
