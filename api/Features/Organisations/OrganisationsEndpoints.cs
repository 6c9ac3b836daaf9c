using System.Security.Claims;
using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Organisations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Organisations;

internal static class OrganisationsEndpoints
{
    public static IEndpointRouteBuilder MapOrganisations(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/organisations").WithTags("Organisations")
            .RequireAuthorization(ApiAuthentication.AdminPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/", CreateAsync).WithName("CreateOrganisation").WithValidation<CreateOrganisationRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListOrganisations");
        return endpoints;
    }

    /// <summary>
    /// A council's Admin registers its own council and the providers it contracts with; registering
    /// another council would let one authority squat on another's code.
    /// </summary>
    public static async Task<Results<Created<OrganisationResponse>, ProblemHttpResult>> CreateAsync(
        CreateOrganisationRequest request, ClaimsPrincipal user, OrganisationStore store, CancellationToken cancellationToken)
    {
        var caller = user.RequireCaller();
        if (request.Kind == OrganisationKind.Council
            && OrganisationStore.NormaliseCode(request.Code) != OrganisationStore.NormaliseCode(caller.Org))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: $"You may register only your own council ('{caller.Org}') and provider organisations.");
        }

        var result = await store.CreateAsync(caller, request, cancellationToken);
        return result.Status == WriteStatus.Created
            ? TypedResults.Created($"/api/organisations/{result.Value!.Code}", result.Value.ToResponse())
            : WriteResults.Refused(result);
    }

    /// <summary>Every organisation: councils and trusts, by code.</summary>
    public static async Task<Ok<IReadOnlyList<OrganisationResponse>>> ListAsync(
        ClaimsPrincipal user, OrganisationStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<OrganisationResponse>>((await store.ListVisibleAsync(user.RequireCaller(), cancellationToken))
            .Select(o => o.ToResponse()).ToList());
}
