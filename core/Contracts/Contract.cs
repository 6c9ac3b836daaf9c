using ContractMonitor.Core.Evaluations;

namespace ContractMonitor.Core.Contracts;

/// <summary>A contract as core knows it: what rules, stores, jobs and pages work from. The api maps it to its wire shape.</summary>
/// <param name="CommissionerCode">The council that commissions it.</param>
/// <param name="ProviderCode">The trust that provides it.</param>
/// <param name="MonitoredFrom">The day news starts (DESIGN §3.4): earlier periods without a figure are NotCollected.</param>
internal sealed record Contract(
    long Id,
    string Reference,
    string Title,
    string CommissionerCode,
    string ProviderCode,
    DateOnly StartDate,
    DateOnly? EndDate,
    int ReturnDueDays,
    int SmallCohort,
    ContractPolicy EscalationPolicy,
    DateOnly MonitoredFrom)
{
    /// <summary>
    /// Moves whenever what the stored reads of the contract show changes (ratings, escalations,
    /// measures): the key under which a read of it may be kept.
    /// </summary>
    public long ReadVersion { get; init; }

    /// <summary>Escalation emails about a period wait until the council accepts it (issue 20).</summary>
    public bool RequireAcceptance { get; init; }

    /// <summary>The changes of its rules from a period (issue 20); the fields above are those it started with.</summary>
    public IReadOnlyList<PolicyChange> PolicyChanges { get; init; } = [];

    /// <summary>What the rating rules read of the contract.</summary>
    public ContractTerms Terms => new(StartDate, EndDate, ReturnDueDays, SmallCohort, MonitoredFrom) { PolicyChanges = PolicyChanges };

    /// <summary>Its rules as they started, then as each change made them.</summary>
    public PolicyTimeline Policies => new(
        new PolicyVersion(ReturnDueDays, SmallCohort, EscalationPolicy.RaiseAfter, EscalationPolicy.ResolveAfter, EscalationPolicy.DeclineRunLength,
            EscalationPolicy.Ladder),
        PolicyChanges);
}

/// <summary>When escalations open, resolve and climb (DESIGN §3.4), and the ladder they climb.</summary>
internal sealed record ContractPolicy(int RaiseAfter, int ResolveAfter, int DeclineRunLength, IReadOnlyList<LadderRung> Ladder, bool SpecialCause = false);

/// <param name="Email">Who is told, beside the panel's chair and vice-chair, when an escalation reaches this level.</param>
internal sealed record LadderRung(int Level, string Name, string? Email = null);
