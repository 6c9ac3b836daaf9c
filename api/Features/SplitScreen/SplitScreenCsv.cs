using System.Globalization;
using System.Text;
using ContractMonitor.Api.Csv;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.SplitScreen;
using CsvHelper;

namespace ContractMonitor.Api.Features.SplitScreen;

/// <summary>
/// The split screen for panel papers: one line per measure, the trust's columns, the centre, then
/// the council's. Claims and challenges are written one to a line inside their cell, each starting
/// with who said it and when, so the sheet reads like the minutes it replaces.
/// </summary>
internal static class SplitScreenCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "measureCode", "title", "period",
        "value", "revision", "numerator", "denominator", "late", "claims",
        "target", "tolerance", "rating", "direction", "flags", "escalation", "escalations",
        "challenges", "openChallenges", "overdueChallenges",
    ];

    public static void Write(CsvWriter csv, SplitScreenResponse screen)
    {
        csv.WriteHeader([.. Columns]);
        foreach (var row in screen.Rows)
        {
            csv.WriteField(row.MeasureCode);
            csv.WriteField(row.Title);
            csv.WriteField(row.Period);
            csv.WriteNumber(row.Provider.Value);
            csv.WriteField(row.Provider.Revision?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteNumber(row.Provider.Numerator);
            csv.WriteNumber(row.Provider.Denominator);
            csv.WriteField(row.Provider.Late switch { true => "true", false => "false", null => "" });
            csv.WriteField(string.Join("\n", row.Provider.Claims.Select(c => $"[{Stamp(c.CreatedAt)} {c.Author}] {c.Text}")));
            csv.WriteNumber(row.Target);
            csv.WriteNumber(row.Tolerance);
            csv.WriteField(row.Rating.ToString());
            csv.WriteField(row.Direction?.ToString() ?? "");
            csv.WriteField(string.Join(" ", row.Flags));
            csv.WriteField(row.Escalation is { } highest ? Describe(highest) : "");
            csv.WriteField(string.Join("\n", row.Escalations.Select(Describe)));
            csv.WriteField(string.Join("\n", row.Commissioner.Challenges.Select(Describe)));
            csv.WriteField(row.Commissioner.Challenges.Count(c => c.Status != ChallengeStatus.Closed).ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.Commissioner.Challenges.Count(c => c.Overdue).ToString(CultureInfo.InvariantCulture));
            csv.EndRecord();
        }
    }

    private static string Describe(EscalationSummary e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Reason}, level {e.Level} {e.LevelName}, {e.Status}");

    /// <summary>
    /// One challenge as a line of minutes: its state, what was challenged (both figures when the
    /// trust has revised it since), the question, and the trust's answers.
    /// </summary>
    public static string Describe(ChallengeDetail challenge)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"[{Stamp(challenge.CreatedAt)} {challenge.CreatedBy}] #{challenge.Id} {challenge.Period} ");
        text.Append(challenge.Status == ChallengeStatus.Closed ? $"Closed ({challenge.Outcome})" : challenge.Status.ToString());
        if (challenge.Overdue)
        {
            text.Append(CultureInfo.InvariantCulture, $", overdue since {challenge.ResponseDueDate:yyyy-MM-dd}");
        }

        text.Append(challenge switch
        {
            { ChallengedWithoutReturn: true } => "; challenged before a return was sent",
            { RevisedSinceChallenge: true } => string.Create(CultureInfo.InvariantCulture,
                $"; challenged {challenge.ChallengedValue} (r{challenge.ChallengedRevision}), now {challenge.CurrentValue} (r{challenge.CurrentRevision})"),
            _ => string.Create(CultureInfo.InvariantCulture, $"; challenged {challenge.ChallengedValue} (r{challenge.ChallengedRevision})"),
        });
        text.Append(": ").Append(challenge.Text);
        foreach (var reply in challenge.Responses)
        {
            text.Append(CultureInfo.InvariantCulture, $" — response [{Stamp(reply.CreatedAt)} {reply.Author}]: {reply.Text}");
        }

        if (challenge.CloseNote is { } note)
        {
            text.Append(" — closing note: ").Append(note);
        }

        return text.ToString();
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
