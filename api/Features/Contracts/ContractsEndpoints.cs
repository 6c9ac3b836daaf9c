using System.Security.Claims;
using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Contracts;

internal static class ContractsEndpoints
{
    public static IEndpointRouteBuilder MapContracts(this IEndpointRouteBuilder endpoints)
    {
        var register = endpoints.MapGroup("/api/contracts").WithTags("Contracts")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        register.MapPost("/", CreateAsync).WithName("CreateContract").WithValidation<CreateContractRequest>()
            .RequireAuthorization(ApiAuthentication.AdminPolicy)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        register.MapGet("/", ListAsync).WithName("ListContracts");

        var contract = endpoints.MapContractGroup("/api/contracts/{contractId}", "Contracts");
        contract.MapGet("/", Get).WithName("GetContract");
        contract.MapPut("/term", ChangeTermAsync).WithName("ChangeContractTerm").WithValidation<ChangeTermRequest>().AllowRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict);
        contract.MapPolicy();
        return endpoints;
    }

    /// <summary>Creates a contract the caller's council commissions: its term, returnDueDays, small cohort and escalation policy and ladder. 409 when the reference is taken; 422 when the provider is unknown.</summary>
    public static async Task<Results<Created<ContractResponse>, ProblemHttpResult>> CreateAsync(
        CreateContractRequest request, ClaimsPrincipal user, ContractStore store, CancellationToken cancellationToken)
    {
        var result = await store.CreateAsync(user.RequireCaller(), request, cancellationToken);
        return result.Status == WriteStatus.Created
            ? TypedResults.Created($"/api/contracts/{result.Value!.Id}", result.Value.ToResponse())
            : WriteResults.Refused(result);
    }

    /// <summary>The contracts the caller's organisation commissions (council roles) or provides (Provider).</summary>
    public static async Task<Ok<IReadOnlyList<ContractResponse>>> ListAsync(
        ClaimsPrincipal user, ContractStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<ContractResponse>>((await store.ListVisibleAsync(user.RequireCaller(), cancellationToken))
            .Select(c => c.ToResponse()).ToList());

    /// <summary>Extends the contract, brings its end forward, or leaves it open-ended, with a reason (issue 20).</summary>
    public static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> ChangeTermAsync(
        ContractAccess access, ChangeTermRequest request, ContractTermStore store, CancellationToken cancellationToken)
    {
        if (request.EndDate is { } end && end <= access.Contract.StartDate)
        {
            return WriteResults.Unprocessable(new Dictionary<string, string[]>
            {
                ["endDate"] = [$"'endDate' must be after the contract's start, {access.Contract.StartDate:yyyy-MM-dd}."],
            });
        }

        var result = await store.ChangeAsync(access.Contract, access.Caller, request, cancellationToken);
        return result.Status is WriteStatus.Updated or WriteStatus.Unchanged
            ? TypedResults.Ok(result.Value!.ToResponse())
            : WriteResults.Refused(result);
    }

    /// <summary>The contract: its term, the rules it started with and every change of them since, and its settings.</summary>
    public static Ok<ContractResponse> Get(ContractAccess access)
    {
        return TypedResults.Ok(access.Contract.ToResponse());
    }
}
