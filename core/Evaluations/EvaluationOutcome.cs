namespace ContractMonitor.Core.Evaluations;

/// <summary>What one evaluation run wrote: a re-run over the same data writes nothing.</summary>
internal sealed record EvaluationOutcome(
    int Contracts, int Measures, int EvaluationsWritten, int EscalationsWritten, int EventsWritten, int MarksCleared,
    int NotificationsWritten = 0,
    int Skipped = 0)
{
    public static EvaluationOutcome None { get; } = new(0, 0, 0, 0, 0, 0);

    public int RowsWritten => EvaluationsWritten + EscalationsWritten + EventsWritten + MarksCleared + NotificationsWritten;

    public EvaluationOutcome Add(EvaluationOutcome other)
    {
        return new(Contracts + other.Contracts, Measures + other.Measures, EvaluationsWritten + other.EvaluationsWritten,
            EscalationsWritten + other.EscalationsWritten, EventsWritten + other.EventsWritten, MarksCleared + other.MarksCleared,
            NotificationsWritten + other.NotificationsWritten, Skipped + other.Skipped);
    }
}
