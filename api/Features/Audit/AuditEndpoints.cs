using ContractMonitor.Api.Auth;
using ContractMonitor.Contracts.Audit;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Audit;

internal static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapContractGroup("/api/contracts/{contractId}/audit", "Audit");
        group.MapGet("/", ListAsync).WithName("ListAudit").AllowRoles(Role.Admin, Role.Commissioner)
            .ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>Newest first; pass the last id seen as <c>before</c> for the next page.</summary>
    public static async Task<Results<Ok<IReadOnlyList<AuditEntryResponse>>, ValidationProblem>> ListAsync(
        ContractAccess access, AuditLog audit, long? before, int? take, CancellationToken cancellationToken)
    {
        if (take is < 1 or > 500 || before is < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [take is < 1 or > 500 ? "take" : "before"] = ["'take' must be from 1 to 500 and 'before' a positive id."],
            });
        }

        return TypedResults.Ok<IReadOnlyList<AuditEntryResponse>>((await audit.ListForContractAsync(access.Id, before, take ?? 100, cancellationToken))
            .Select(a => a.ToResponse()).ToList());
    }
}
