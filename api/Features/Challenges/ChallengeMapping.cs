using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Core.Challenges;

namespace ContractMonitor.Api.Features.Challenges;

internal static class ChallengeMapping
{
    public static ChallengeDetail ToResponse(this Challenge c) => new(
        c.Id, c.ContractId, c.MeasureCode, c.Period, c.Text, c.Status, c.Outcome, c.CloseNote, c.ResponseDueDate, c.Overdue,
        c.ChallengedRevision, c.ChallengedWithoutReturn, c.ChallengedValue, c.CurrentRevision, c.CurrentValue, c.RevisedSinceChallenge,
        c.CreatedBy, c.CreatedByOrg, c.CreatedAt, c.ClosedBy, c.ClosedAt,
        c.Responses.Select(r => new ChallengeReply(r.Id, r.Text, r.Revision, r.Author, r.AuthorOrg, r.CreatedAt)).ToList());
}
