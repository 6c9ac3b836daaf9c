using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Measures;

internal static class MeasuresEndpoints
{
    public static IEndpointRouteBuilder MapMeasures(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapContractGroup("/api/contracts/{contractId}/measures", "Measures");
        group.MapPost("/", CreateAsync).WithName("CreateMeasure").WithValidation<CreateMeasureRequest>().AllowRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListMeasures");
        group.MapGet("/{code}", GetAsync).WithName("GetMeasure");
        return endpoints;
    }

    public static async Task<Results<Created<MeasureResponse>, ProblemHttpResult>> CreateAsync(
        ContractAccess access, CreateMeasureRequest request, MeasureStore store, CancellationToken cancellationToken)
    {
        var result = await store.CreateAsync(access.Id, access.Caller, request, cancellationToken);
        return result.Status == WriteStatus.Created
            ? TypedResults.Created($"/api/contracts/{access.Id}/measures/{Uri.EscapeDataString(result.Value!.Code)}", result.Value.ToResponse())
            : WriteResults.Refused(result);
    }

    public static async Task<Ok<List<MeasureResponse>>> ListAsync(
        ContractAccess access, MeasureStore store, CancellationToken cancellationToken)
    {
        var measures = await store.ListAsync(access.Id, cancellationToken);
        return TypedResults.Ok(measures.Select(m => m.ToResponse()).ToList());
    }

    public static async Task<Results<Ok<MeasureResponse>, ProblemHttpResult>> GetAsync(
        ContractAccess access, string code, MeasureStore store, CancellationToken cancellationToken)
    {
        var measure = await store.FindAsync(access.Id, code, cancellationToken);
        return measure is null ? MeasureNotFound(code) : TypedResults.Ok(measure.ToResponse());
    }

    public static ProblemHttpResult MeasureNotFound(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Measure not found",
            detail: $"This contract has no measure with code '{code}'.");
}
