using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Panel;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Panel;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Panel;

internal static class PanelEndpoints
{
    public static IEndpointRouteBuilder MapPanel(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapContractGroup("/api/contracts/{contractId}/panel", "Panel");
        group.MapPut("/", ReplaceAsync).WithName("ReplacePanel").WithValidation<PanelRequest>().AllowRoles(Role.Admin);
        // Members' email addresses are the council's business, not the trust's.
        group.MapGet("/", GetAsync).WithName("GetPanel").AllowRoles(Role.Admin, Role.Commissioner, Role.Panel);
        return endpoints;
    }

    /// <summary>Replaces the contract's scrutiny panel: its members, each Chair, ViceChair or Member, with an email address. Audited.</summary>
    public static async Task<Ok<PanelResponse>> ReplaceAsync(
        ContractAccess access, PanelRequest request, PanelStore store, CancellationToken cancellationToken)
    {
        var result = await store.ReplaceAsync(access.Id, access.Caller, request, cancellationToken);
        return TypedResults.Ok(result.Value!.ToResponse());
    }

    /// <summary>The contract's scrutiny panel: who is chair, vice-chair and member, and their addresses.</summary>
    public static async Task<Ok<PanelResponse>> GetAsync(
        ContractAccess access, PanelStore store, CancellationToken cancellationToken)
    {
        return TypedResults.Ok((await store.GetAsync(access.Id, cancellationToken)).ToResponse());
    }
}
