using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Claims;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Text;

namespace ContractMonitor.Core.Papers;

/// <summary>
/// The panel's paper (issue 18) as known at an instant: every figure, rating, escalation and voice
/// is read as it stood then (<see cref="PastKnowledge"/>), so a preview for a past day and the paper
/// published then say the same, and a published paper can be frozen as built.
/// </summary>
internal sealed class PaperBuilder(
    Database database, MeasureStore measures, EscalationStore escalations, PaperChanges changes, Spc.SpcRecalculationStore recalculations)
{
    public async Task<PaperContent> BuildAsync(
        Contract contract, Period period, string title, string preparedBy, DateTimeOffset knownAt, CancellationToken cancellationToken)
    {
        var past = await PastKnowledge.LoadAsync(database, escalations, contract, knownAt, cancellationToken);
        // A measure retired before the paper's period began has nothing to report for it (issue 20).
        var known = (await measures.ListAsync(contract.Id, cancellationToken)).Select(m => m.AsKnownAt(knownAt))
            .Where(m => past.Knows(m) && (m.RetiredFrom is not { } retired || retired.Start > period.Start)).ToList();
        var day = past.Day;
        IReadOnlyList<ProviderClaim> claims;
        IReadOnlyList<Challenge> challenges;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            claims = await ClaimStore.ReadAsync(connection, null, new ClaimQuery(contract.Id, From: period.Start, Until: day, KnownAt: knownAt),
                cancellationToken);
            challenges = await ChallengeStore.ReadAsync(connection, null,
                new ChallengeQuery(contract.Id, Until: day, OpenOrFrom: period.Start, KnownAt: knownAt), day, cancellationToken);
        }

        var recalculated = await recalculations.ListAsync(contract.Id, knownAt, cancellationToken);
        IReadOnlyList<Exceptions.AgreedException> agreed;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            agreed = await Exceptions.ExceptionStore.ForContractAsync(connection, null, contract.Id, cancellationToken);
        }

        // An agreed exception holding on the paper's day, as it was known then (issue 20).
        var holding = agreed.Select(x => x.AsKnownAt(knownAt)).OfType<Exceptions.AgreedException>().Where(x => x.HoldsOn(day))
            .GroupBy(x => x.MeasureCode).ToDictionary(g => g.Key, g => g.OrderByDescending(x => x.Until).First());
        var claimsOf = claims.ToLookup(c => c.MeasureCode);
        var challengesOf = challenges.ToLookup(c => c.MeasureCode);
        var rows = known.Select(m => Row(m, past, contract, period, claimsOf[m.Code], challengesOf[m.Code], recalculated[m.Id]) with
        {
            AgreedException = holding.TryGetValue(m.Code, out var x) ? PaperText.AgreedException(x.HoldsFrom.ToString(), x.Until, x.Reason) : null,
        }).ToList();
        var counts = Count(rows);
        var since = await changes.SinceLastPaperAsync(contract, knownAt, day, cancellationToken);
        return new PaperContent(title, contract.Id, contract.Reference, contract.Title, contract.ProviderCode, contract.CommissionerCode,
            period.ToString(), PaperText.PeriodName(period), knownAt, preparedBy, PaperText.Summary(counts), counts,
            rows.Where(IsException).ToList(),
            rows.GroupBy(r => r.Category.Length == 0 ? "Other measures" : r.Category)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new PaperCategory(g.Key, g.ToList()))
                .ToList(),
            since);
    }

    /// <summary>What leads the paper: failing in the period or in the latest month, in sustained decline, or escalated.</summary>
    public static bool IsException(PaperMeasure m) =>
        m.Rating == Rating.Failing || m.LatestMonth?.Rating == Rating.Failing || m.SustainedDecline || m.Escalations.Count > 0;

    private static PaperMeasure Row(
        Measure measure, PastKnowledge past, Contract contract, Period period, IEnumerable<ProviderClaim> claims, IEnumerable<Challenge> challenges,
        IEnumerable<ContractMonitor.Contracts.Spc.SpcRecalculation> recalculations)
    {
        var rated = past.Rate(measure);
        // The SPC icons read every period ended by the day the paper is of, as its latest month does.
        Period? lastEnded = rated.Keys.Where(p => p.End <= past.Day).Select(p => (Period?)p).Max();
        var spc = Spc.SpcSeries.Icons(measure.Polarity, measure.Frequency, rated.Select(r => Spc.SpcFigure.Of(r.Key, r.Value.ToFigure())), lastEnded,
            recalculations);
        PaperFigure headline;
        RatedFigure headlineRating;
        if (measure.Frequency < period.Frequency)
        {
            var rolled = past.RollUp(measure, [period]).Single();
            headlineRating = rolled.Rated;
            headline = Figure(measure, period, rolled.Rated, rolled.Indicative, rolled.Figure.Note);
        }
        else
        {
            // A measure as long as the period or longer (an annual measure on a quarter's paper): its own period holding it.
            var own = measure.Frequency == period.Frequency ? period : Period.Containing(measure.Frequency, period.Start);
            headlineRating = rated.GetValueOrDefault(own)?.ToFigure() ?? RatedFigure.Pending;
            headline = Figure(measure, own, headlineRating, headlineRating.Flags.Contains(RatingCaveat.SmallCohort), null);
        }

        PaperFigure? latestMonth = null;
        if (measure.Frequency == Frequency.Monthly && rated.Values
                .Where(r => r.Value is not null && r.Period >= Period.Containing(Frequency.Monthly, period.Start) && r.Period.End <= past.Day)
                .MaxBy(r => r.Period) is { } latest)
        {
            var figure = latest.ToFigure();
            latestMonth = Figure(measure, latest.Period, figure, figure.Flags.Contains(RatingCaveat.SmallCohort), null);
        }

        var open = past.Escalations.Where(e => e.MeasureCode == measure.Code && e.Status != EscalationStatus.Resolved).ToList();
        // The run the rules known then set for the latest period ended by the paper's day (issue 20: it can change from a period).
        var ended = rated.Values.Where(r => r.Period.End <= past.Day).OrderBy(r => r.Period).ToList();
        var rules = contract.Policies with { Changes = Contracts.PolicyChange.KnownAt(contract.PolicyChanges, past.KnownAt) };
        var run = ended.Count == 0 ? rules.Initial.DeclineRunLength : rules.At(ended[^1].Period).DeclineRunLength;
        var recent = ended.TakeLast(run).ToList();
        var declining = open.Any(e => e.Reason == EscalationReason.SustainedDecline)
            || (recent.Count == run && recent.All(r => r.Direction == Direction.Declining));
        return new PaperMeasure(measure.Code, measure.Title, measure.Category, measure.Unit, measure.Polarity,
            headlineRating.Target, headlineRating.Tolerance,
            Words.Value(headlineRating.Target, measure.Unit, measure.Decimals), Words.Value(headlineRating.Tolerance, measure.Unit, measure.Decimals),
            headline, latestMonth, headlineRating.Rating, headlineRating.Direction, declining,
            open.OrderByDescending(e => e.Level).Select(e => new PaperEscalation(e.Id, e.Reason, e.Level, e.LevelName, e.Status, PaperText.Story(e)))
                .ToList(),
            claims.OrderBy(c => c.CreatedAt).Select(c => new PaperClaim(c.Period, c.Text, c.Author, c.CreatedAt)).ToList(),
            challenges.OrderBy(c => c.CreatedAt).Select(c => new PaperChallenge(c.Id, c.Period, c.Text, c.Status, c.Outcome, c.CreatedBy, c.CreatedAt,
                c.Responses.Select(r => new PaperReply(r.Text, r.Author, r.CreatedAt)).ToList())).ToList(),
            spc.Variation, spc.Assurance);
    }

    private static PaperFigure Figure(Measure measure, Period period, RatedFigure figure, bool indicative, string? note) =>
        new(period.ToString(), PaperText.PeriodName(period), figure.Value, Words.Value(figure.Value, measure.Unit, measure.Decimals), figure.Rating,
            indicative, note);

    private static PaperCounts Count(List<PaperMeasure> rows)
    {
        int Of(Rating rating) => rows.Count(r => r.Rating == rating);
        return new PaperCounts(rows.Count, Of(Rating.OnTarget), Of(Rating.WithinTolerance), Of(Rating.Failing), Of(Rating.Missing),
            Of(Rating.Pending), Of(Rating.NotCollected), rows.Count(r => r.SustainedDecline), rows.Sum(r => r.Escalations.Count));
    }
}
