using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Core.Returns;

/// <summary>One revision of a return as stored; read through CurrentFiguresSql, the revision that counts.</summary>
/// <param name="Unit">The measure's unit, which says whether the denominator makes it a small cohort.</param>
internal sealed record ReturnFigure(
    long MeasureId,
    string MeasureCode,
    MeasureUnit Unit,
    Period Period,
    int Revision,
    decimal Value,
    decimal? Numerator,
    decimal? Denominator,
    string? Commentary,
    bool Late,
    string SubmittedBy,
    string SubmittedByOrg,
    DateTimeOffset SubmittedAt)
{
    /// <summary>The audit's "before" of a revised figure: the fields it has always recorded.</summary>
    public object AuditedBefore() => new { MeasureId, Period = Period.ToString(), Revision, Value, Numerator, Denominator, Commentary };
}

/// <summary>Which current figures to read: a contract's, narrowed to one measure or a span of period starts.</summary>
/// <param name="KnownAt">Figures as they stood before this instant (DESIGN §5, knownAt); null for now.</param>
internal sealed record CurrentFigureQuery(long ContractId, long? MeasureId = null, DateOnly? From = null, DateOnly? To = null, DateTimeOffset? KnownAt = null);
