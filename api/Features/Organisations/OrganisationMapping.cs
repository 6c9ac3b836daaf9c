using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Core.Organisations;

namespace ContractMonitor.Api.Features.Organisations;

internal static class OrganisationMapping
{
    public static OrganisationResponse ToResponse(this Organisation o) => new(o.Code, o.Name, o.Kind);
}
