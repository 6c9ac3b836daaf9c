using System.Text.Json;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;

namespace ContractMonitor.Contracts.Papers;

/// <summary>A figure as the paper prints it: the value in words ("39.3%"), its rating, and whether to read it with care.</summary>
/// <param name="Indicative">A quarter missing a month, or a small cohort: the rating is indicative.</param>
/// <param name="Note">What the reader must know: the months missing, or a rollup that could not be used.</param>
public sealed record PaperFigure(string Period, string PeriodName, decimal? Value, string Text, Rating Rating, bool Indicative, string? Note);

/// <summary>An open escalation, with its story in one line.</summary>
public sealed record PaperEscalation(long Id, EscalationReason Reason, int Level, string LevelName, EscalationStatus Status, string Story);

public sealed record PaperClaim(string Period, string Text, string Author, DateTimeOffset At);

public sealed record PaperReply(string Text, string Author, DateTimeOffset At);

public sealed record PaperChallenge(
    long Id, string Period, string Text, ChallengeStatus Status, ChallengeOutcome? Outcome, string Author, DateTimeOffset At,
    IReadOnlyList<PaperReply> Responses);

/// <summary>
/// One measure on the paper: the figure for the paper's period (a monthly measure's quarter rolled up
/// from its months) and the latest month known, target and tolerance, the rating in words, and
/// both voices.
/// </summary>
/// <param name="Headline">The figure for the paper's period, at the measure's own grain or rolled up to it.</param>
/// <param name="LatestMonth">A monthly measure's latest month with a figure, from the period's start to the day the paper is of.</param>
/// <param name="Variation">SPC (issue 19) over its periods ended by the day the paper is of: signal or noise.</param>
/// <param name="Assurance">SPC: whether the process as it runs will meet the target.</param>
public sealed record PaperMeasure(
    string Code,
    string Title,
    string Category,
    MeasureUnit Unit,
    Polarity Polarity,
    decimal? Target,
    decimal? Tolerance,
    string TargetText,
    string ToleranceText,
    PaperFigure Headline,
    PaperFigure? LatestMonth,
    Rating Rating,
    Direction? Direction,
    bool SustainedDecline,
    IReadOnlyList<PaperEscalation> Escalations,
    IReadOnlyList<PaperClaim> Claims,
    IReadOnlyList<PaperChallenge> Challenges,
    ContractMonitor.Contracts.Spc.Variation? Variation = null,
    ContractMonitor.Contracts.Spc.Assurance? Assurance = null,
    string? AgreedException = null);

public sealed record PaperCounts(
    int Total, int OnTarget, int WithinTolerance, int Failing, int Missing, int NotYetRated, int NotCollected, int InSustainedDecline,
    int OpenEscalations);

public sealed record PaperCategory(string Name, IReadOnlyList<PaperMeasure> Measures);

public enum PaperChangeKind
{
    EscalationRaised,
    EscalationChanged,
    EscalationResolved,
    FigureRevised,
    FigureReceived,
    ChallengeWritten,
    ChallengeResponded,
    ChallengeClosed,
}

/// <summary>Something recorded after a paper was published that it does not show.</summary>
public sealed record PaperChange(PaperChangeKind Kind, string MeasureCode, string? Period, string Text, DateTimeOffset At);

/// <summary>What changed since the last paper published before this one.</summary>
public sealed record PaperSince(long PaperId, string Title, DateTimeOffset PublishedAt, IReadOnlyList<PaperChange> Changes);

/// <summary>
/// The panel's paper, in order: who and what it is about, the summary, the exceptions, every measure
/// by category, and what changed since the last published paper (null for the first).
/// </summary>
public sealed record PaperContent(
    string Title,
    long ContractId,
    string ContractReference,
    string ContractTitle,
    string ProviderCode,
    string CommissionerCode,
    string Period,
    string PeriodName,
    DateTimeOffset KnownAt,
    string PreparedBy,
    string Summary,
    PaperCounts Counts,
    IReadOnlyList<PaperMeasure> Exceptions,
    IReadOnlyList<PaperCategory> Categories,
    PaperSince? SinceLastPaper);

/// <param name="Period">A quarter (<c>2016-17-Q1</c>) or a financial year (<c>2016-17</c>).</param>
public sealed record PublishPaperRequest(string? Period, DateOnly? MeetingDate, string? Title);

public sealed record WithdrawPaperRequest(string? Reason);

/// <summary>A published paper without its content: what the list shows.</summary>
/// <param name="Hash">The SHA-256 of its Word document, in hex: the document's strong ETag.</param>
public sealed record PublishedPaper(
    long Id,
    long ContractId,
    string Period,
    string Title,
    DateOnly MeetingDate,
    DateTimeOffset KnownAt,
    DateTimeOffset PublishedAt,
    string PublishedBy,
    string Hash,
    bool Withdrawn,
    DateTimeOffset? WithdrawnAt,
    string? WithdrawnBy,
    string? WithdrawnReason);

public sealed record PaperListResponse(IReadOnlyList<PublishedPaper> Papers);

/// <summary>A published paper and its content exactly as frozen when it was published.</summary>
public sealed record PaperResponse(PublishedPaper Paper, JsonElement Content);

public sealed record PaperChangesResponse(long PaperId, DateTimeOffset PublishedAt, IReadOnlyList<PaperChange> Changes);
