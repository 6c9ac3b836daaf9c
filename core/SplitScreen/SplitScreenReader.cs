using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Claims;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.SplitScreen;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Claims;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;

namespace ContractMonitor.Core.SplitScreen;

/// <summary>
/// The split screen (DESIGN §3.5): the status of every measure in the centre, the trust's figure and
/// claims on one side, the council's challenges on the other. Each side is read for all measures at
/// once, so a contract of 50 measures costs the same number of statements as one of 5.
/// </summary>
internal sealed class SplitScreenReader(Database database, StatusReader statusReader, TimeProvider clock)
{
    /// <summary>
    /// Each measure at its latest period ended on or before <paramref name="asOf"/>, by measure code;
    /// with <paramref name="knownAt"/>, both voices as they stood then: the revisions received, the
    /// claims, challenges and responses written, and the challenges' status, by that instant.
    /// </summary>
    public async Task<SplitScreenReport> ReadAsync(Contract contract, DateOnly asOf, DateTimeOffset? knownAt, CancellationToken cancellationToken)
    {
        var status = await statusReader.StatusAsync(contract, asOf, knownAt, cancellationToken);
        var terms = contract.Terms with { PolicyChanges = Contracts.PolicyChange.KnownAt(contract.PolicyChanges, knownAt) };
        var starts = status.Measures
            .Where(m => m.Period is not null)
            .ToDictionary(m => m.Code, m => Period.TryParse(m.Period, out var p) ? p.Start : throw new InvalidOperationException(
                $"The status named {m.Period}, which is not a period."));
        if (starts.Count == 0)
        {
            return new SplitScreenReport(asOf, contract.Id, contract.Reference, contract.Title,
                status.Measures.Select(m => Row(m, null, terms, [], [])).ToList());
        }

        var from = starts.Values.Min();
        var until = starts.Values.Max();
        await using var connection = await database.OpenAsync(cancellationToken);
        var figures = (await ReturnStore.CurrentFiguresAsync(connection, null,
                new CurrentFigureQuery(contract.Id, From: from, To: until, KnownAt: knownAt), cancellationToken))
            .ToDictionary(f => (f.MeasureCode, f.Period.ToString()));
        var claims = (await ClaimStore.ReadAsync(connection, null, new ClaimQuery(contract.Id, From: from, Until: until, KnownAt: knownAt), cancellationToken))
            .ToLookup(c => (c.MeasureCode, c.Period));
        var challenges = (await ChallengeStore.ReadAsync(connection, null,
                new ChallengeQuery(contract.Id, Until: until, OpenOrFrom: from, KnownAt: knownAt),
                knownAt is { } at ? UkCalendar.DayEndedBy(at) : UkCalendar.Today(clock), cancellationToken))
            .ToLookup(c => c.MeasureCode);

        return new SplitScreenReport(asOf, contract.Id, contract.Reference, contract.Title, status.Measures.Select(m =>
        {
            if (m.Period is not { } period)
            {
                return Row(m, null, terms, [], []);
            }

            var start = starts[m.Code];
            return Row(m, figures.GetValueOrDefault((m.Code, period)), terms, claims[(m.Code, period)].ToList(),
                challenges[m.Code].Where(c => c.Period == period || (c.Status != ChallengeStatus.Closed && StartOf(c) < start)).ToList());
        }).ToList());
    }

    private static DateOnly StartOf(Challenge challenge) =>
        Period.TryParse(challenge.Period, out var period) ? period.Start : DateOnly.MaxValue;

    private static SplitScreenLine Row(
        MeasureStanding status, ReturnFigure? figure, ContractMonitor.Core.Evaluations.ContractTerms terms, IReadOnlyList<ProviderClaim> claims,
        IReadOnlyList<Challenge> challenges) => new(
        status,
        new ProviderVoice(figure?.Value, figure?.Revision, figure?.Numerator, figure?.Denominator,
            figure is null ? null : Returns.ReturnRules.IsLate(figure.SubmittedAt, terms.DueDate(figure.Period)), figure?.SubmittedAt, claims),
        new CommissionerVoice(challenges));
}
