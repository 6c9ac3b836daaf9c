using System.Text.Json;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;

namespace ContractMonitor.Contracts.Papers;

/// <summary>A figure as the paper prints it: the value in words ("39.3%"), its rating, and whether to read it with care.</summary>
/// <param name="Period">
/// The figure's period: the paper's quarter or year, a measure's own period holding it, or a month, such as <c>2026-09</c>.
/// </param>
/// <param name="PeriodName">The period in words, such as "Q2 2026-27 (July to September 2026)" or "September 2026".</param>
/// <param name="Value">The figure, rolled up from the months where the measure's own periods are shorter; null when there is none.</param>
/// <param name="Text">
/// The figure in words with its unit, to the measure's decimal places, such as "57.5%" or "12 days"; "–" when there is none.
/// </param>
/// <param name="Rating">The figure's rating: OnTarget, WithinTolerance, Failing, Missing, Pending or NotCollected.</param>
/// <param name="Indicative">A quarter missing a month, or a small cohort: the rating is indicative.</param>
/// <param name="Note">What the reader must know: the months missing, or a rollup that could not be used.</param>
public sealed record PaperFigure(string Period, string PeriodName, decimal? Value, string Text, Rating Rating, bool Indicative, string? Note);

/// <summary>An open escalation, with its story in one line.</summary>
/// <param name="Id">The escalation's id, as in <c>/api/escalations/{id}</c>.</param>
/// <param name="Reason">Why it was raised: SustainedFailure, MissingReturns, SustainedDecline or SpecialCauseConcern.</param>
/// <param name="Level">The ladder level it stood at (1 is the bottom of the ladder).</param>
/// <param name="LevelName">The ladder's name for that level, such as <c>Director</c>.</param>
/// <param name="Status">Open or Recovering.</param>
/// <param name="Story">
/// Its events in one sentence, such as "Sustained failure: raised in 2026-08 at level 1 (Contract manager challenge
/// meeting); escalated in 2026-09 to level 2 (Director)."
/// </param>
public sealed record PaperEscalation(long Id, EscalationReason Reason, int Level, string LevelName, EscalationStatus Status, string Story);

/// <summary>Something the trust said about a measure's figure, as the paper prints it.</summary>
/// <param name="Period">The period it is about, such as <c>2026-09</c>.</param>
/// <param name="Text">What the trust said: commentary sent with a return, or a note.</param>
/// <param name="Author">Who said it: the name in their token.</param>
/// <param name="At">When it was said (UTC).</param>
public sealed record PaperClaim(string Period, string Text, string Author, DateTimeOffset At);

/// <summary>The trust's response to a challenge, as the paper prints it.</summary>
/// <param name="Text">What the trust said.</param>
/// <param name="Author">Who wrote it: the name in their token.</param>
/// <param name="At">When it was written (UTC).</param>
public sealed record PaperReply(string Text, string Author, DateTimeOffset At);

/// <summary>A challenge from the council, with the trust's responses, as the paper prints it.</summary>
/// <param name="Id">The challenge's id, as in <c>/api/challenges/{id}</c>.</param>
/// <param name="Period">The period whose figure was challenged, such as <c>2026-09</c>.</param>
/// <param name="Text">What the council questioned.</param>
/// <param name="Status">Open, Responded or Closed, as it stood when the paper was made.</param>
/// <param name="Outcome">How the council closed it; null while it is not closed.</param>
/// <param name="Author">Who wrote the challenge: the name in their token.</param>
/// <param name="At">When it was written (UTC).</param>
/// <param name="Responses">The trust's responses, oldest first; empty when there are none.</param>
public sealed record PaperChallenge(
    long Id, string Period, string Text, ChallengeStatus Status, ChallengeOutcome? Outcome, string Author, DateTimeOffset At,
    IReadOnlyList<PaperReply> Responses);

/// <summary>
/// One measure on the paper: the figure for the paper's period (a monthly measure's quarter rolled up
/// from its months) and the latest month known, target and tolerance, the rating in words, and
/// both voices.
/// </summary>
/// <param name="Code">The measure's code, such as <c>B13</c>.</param>
/// <param name="Title">The measure's title.</param>
/// <param name="Category">The heading the measure is grouped under; empty when it has none.</param>
/// <param name="Unit">What its figures count: Percent, Count, Days, Rate or Number.</param>
/// <param name="Polarity">Which way is better: HigherIsBetter or LowerIsBetter.</param>
/// <param name="Target">The target for the headline figure's period; null when its year has no target or the figure is not rated yet.</param>
/// <param name="Tolerance">The tolerance for the headline figure's period; null as for <c>target</c>.</param>
/// <param name="TargetText">The target in words with its unit, such as "60.0%"; "–" when there is none.</param>
/// <param name="ToleranceText">The tolerance in words with its unit, such as "55.0%"; "–" when there is none.</param>
/// <param name="Headline">The figure for the paper's period, at the measure's own grain or rolled up to it.</param>
/// <param name="LatestMonth">A monthly measure's latest month with a figure, from the period's start to the day the paper is of.</param>
/// <param name="Rating">The headline figure's rating.</param>
/// <param name="Direction">
/// How the headline figure moved since the period before, in the measure's sense of better; null when either has no figure.
/// </param>
/// <param name="SustainedDecline">
/// The measure is in sustained decline: a SustainedDecline escalation is open, or its last <c>declineRunLength</c> periods ended
/// by the day the paper is of were all Declining.
/// </param>
/// <param name="Escalations">Its escalations still open (Open or Recovering), highest level first; empty when there is none.</param>
/// <param name="Claims">What the trust said about its periods from the start of the paper's period, oldest first.</param>
/// <param name="Challenges">
/// The council's challenges on its periods from the start of the paper's period, and those not yet closed on
/// earlier ones, oldest first.
/// </param>
/// <param name="Variation">SPC (issue 19) over its periods ended by the day the paper is of: signal or noise.</param>
/// <param name="Assurance">SPC: whether the process as it runs will meet the target.</param>
/// <param name="AgreedException">
/// The agreed exception holding the measure on the day the paper is of, in one sentence with its reason
/// (issue 20); null when none holds.
/// </param>
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

/// <summary>The paper's measures counted by their headline rating.</summary>
/// <param name="Total">How many measures the paper reports.</param>
/// <param name="OnTarget">How many are rated OnTarget.</param>
/// <param name="WithinTolerance">How many are rated WithinTolerance.</param>
/// <param name="Failing">How many are rated Failing.</param>
/// <param name="Missing">How many are rated Missing.</param>
/// <param name="NotYetRated">How many are Pending: not yet due, or without a target.</param>
/// <param name="NotCollected">How many are NotCollected: history before monitoring began, with no figure.</param>
/// <param name="InSustainedDecline">How many are in sustained decline.</param>
/// <param name="OpenEscalations">How many escalations are still open across the measures.</param>
public sealed record PaperCounts(
    int Total, int OnTarget, int WithinTolerance, int Failing, int Missing, int NotYetRated, int NotCollected, int InSustainedDecline,
    int OpenEscalations);

/// <summary>The paper's measures under one heading.</summary>
/// <param name="Name">The category, or "Other measures" for measures without one; categories are in alphabetical order.</param>
/// <param name="Measures">The category's measures, by code.</param>
public sealed record PaperCategory(string Name, IReadOnlyList<PaperMeasure> Measures);

/// <summary>What kind of thing was recorded after a paper.</summary>
public enum PaperChangeKind
{
    /// <summary>An escalation was raised.</summary>
    EscalationRaised,

    /// <summary>An escalation was escalated, started recovering, was reopened or was acknowledged.</summary>
    EscalationChanged,

    /// <summary>An escalation was resolved.</summary>
    EscalationResolved,

    /// <summary>A figure was revised: a second or later revision was received.</summary>
    FigureRevised,

    /// <summary>A period's first figure was received.</summary>
    FigureReceived,

    /// <summary>The council wrote a challenge.</summary>
    ChallengeWritten,

    /// <summary>The trust responded to a challenge.</summary>
    ChallengeResponded,

    /// <summary>The council closed a challenge.</summary>
    ChallengeClosed,
}

/// <summary>Something recorded after a paper was published that it does not show.</summary>
/// <param name="Kind">What kind of thing was recorded.</param>
/// <param name="MeasureCode">The code of the measure it touches, such as <c>B13</c>.</param>
/// <param name="Period">The period it is about, such as <c>2026-09</c>; null for an escalation event no period caused.</param>
/// <param name="Text">What happened, in one sentence, such as "B13 2026-09 revised from 57.5% to 60.0% by …".</param>
/// <param name="At">When it was recorded (UTC).</param>
public sealed record PaperChange(PaperChangeKind Kind, string MeasureCode, string? Period, string Text, DateTimeOffset At);

/// <summary>What changed since the last paper published before this one.</summary>
/// <param name="PaperId">The id of the last paper published (and not withdrawn) before this one.</param>
/// <param name="Title">That paper's title.</param>
/// <param name="PublishedAt">When that paper was published (UTC).</param>
/// <param name="Changes">The escalation changes and revised figures recorded since that paper, oldest first.</param>
public sealed record PaperSince(long PaperId, string Title, DateTimeOffset PublishedAt, IReadOnlyList<PaperChange> Changes);

/// <summary>
/// The panel's paper, in order: who and what it is about, the summary, the exceptions, every measure
/// by category, and what changed since the last published paper (null for the first).
/// </summary>
/// <param name="Title">The paper's title, as the panel's agenda names it.</param>
/// <param name="ContractId">The id of the contract it reports.</param>
/// <param name="ContractReference">The contract's reference, such as <c>CSC-2026</c>.</param>
/// <param name="ContractTitle">The contract's title.</param>
/// <param name="ProviderCode">The provider's organisation code, such as <c>doncaster-childrens-trust</c>.</param>
/// <param name="CommissionerCode">The commissioning council's organisation code, such as <c>doncaster-council</c>.</param>
/// <param name="Period">The quarter or financial year it reports, such as <c>2026-27-Q2</c>.</param>
/// <param name="PeriodName">That period in words, such as "Q2 2026-27 (July to September 2026)".</param>
/// <param name="KnownAt">The instant it is as known at (UTC): every figure, rating, escalation and voice as it stood then.</param>
/// <param name="PreparedBy">Who prepared it: the name in their token.</param>
/// <param name="Summary">
/// The counts in a sentence or two, such as "7 of the 17 measures were on target, 3 within tolerance and 7 failing. No
/// escalation was open."
/// </param>
/// <param name="Counts">The measures counted by their headline rating.</param>
/// <param name="Exceptions">
/// The measures that lead the paper: failing in the period or in the latest month, in sustained decline, or escalated.
/// </param>
/// <param name="Categories">Every measure the paper reports, under its category.</param>
/// <param name="SinceLastPaper">What changed since the last paper published before this one; null for the first.</param>
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

/// <summary>Publishes the panel's paper for a period, as known at this moment, frozen.</summary>
/// <param name="Period" example="2026-27-Q2">
/// A quarter (<c>2016-17-Q1</c>) or a financial year (<c>2016-17</c>). Required; inside the contract's term and already begun.
/// </param>
/// <param name="MeetingDate" example="2026-10-14">The day the panel meets to consider the paper. Required.</param>
/// <param name="Title" example="Children's social care performance report, Q2 2026-27">
/// The paper's title, as the panel's agenda names it. Required; at most 200 characters.
/// </param>
public sealed record PublishPaperRequest(string? Period, DateOnly? MeetingDate, string? Title);

/// <summary>Withdraws a published paper: it stays readable, marked withdrawn.</summary>
/// <param name="Reason" example="Published before the September figures were accepted; a corrected paper replaces it.">
/// Why the paper is withdrawn. Required; at most 4,000 characters.
/// </param>
public sealed record WithdrawPaperRequest(string? Reason);

/// <summary>A published paper without its content: what the list shows.</summary>
/// <param name="Id">The paper's id, as in <c>/api/papers/{id}</c>.</param>
/// <param name="ContractId">The id of the contract it reports.</param>
/// <param name="Period">The quarter or financial year it reports, such as <c>2026-27-Q2</c>.</param>
/// <param name="Title">The paper's title.</param>
/// <param name="MeetingDate">The day the panel meets to consider it.</param>
/// <param name="KnownAt">The instant its content is as known at (UTC): the moment it was published.</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="PublishedBy">Who published it: the name in their token.</param>
/// <param name="Hash">The SHA-256 of its Word document, in hex: the document's strong ETag.</param>
/// <param name="Withdrawn">True once it has been withdrawn; it stays readable.</param>
/// <param name="WithdrawnAt">When it was withdrawn (UTC); null unless it was.</param>
/// <param name="WithdrawnBy">Who withdrew it; null unless it was.</param>
/// <param name="WithdrawnReason">Why it was withdrawn; null unless it was.</param>
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

/// <summary>A contract's published papers, as <c>GET …/papers</c> lists them.</summary>
/// <param name="Papers">Every paper published for the contract, withdrawn ones too, newest first.</param>
public sealed record PaperListResponse(IReadOnlyList<PublishedPaper> Papers);

/// <summary>A published paper and its content exactly as frozen when it was published.</summary>
/// <param name="Paper">The paper's details: period, title, who published it and when, and whether it was withdrawn.</param>
/// <param name="Content">The paper's content as frozen when it was published, in the shape of <c>PaperContent</c>.</param>
public sealed record PaperResponse(PublishedPaper Paper, JsonElement Content);

/// <summary>What was recorded after a paper was published that it does not show, as <c>GET /api/papers/{id}/changes</c> answers.</summary>
/// <param name="PaperId">The paper's id.</param>
/// <param name="PublishedAt">When it was published (UTC).</param>
/// <param name="Changes">
/// Everything recorded since it was published that it does not show, oldest first: figures received or revised for periods
/// begun by the day it is of, escalation events, and challenges written, answered or closed.
/// </param>
public sealed record PaperChangesResponse(long PaperId, DateTimeOffset PublishedAt, IReadOnlyList<PaperChange> Changes);
