using ContractMonitor.Contracts.Claims;
using ContractMonitor.Core.Claims;

namespace ContractMonitor.Api.Features.Claims;

internal static class ClaimMapping
{
    public static ClaimResponse ToResponse(this ProviderClaim c) =>
        new(c.Id, c.Kind, c.MeasureCode, c.Period, c.Text, c.Revision, c.Author, c.AuthorOrg, c.CreatedAt);
}
