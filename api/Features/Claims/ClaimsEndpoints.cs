using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Features.Measures;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Claims;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Claims;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Claims;

/// <summary>The trust's voice: notes on a figure, beside the commentary sent with its returns.</summary>
internal static class ClaimsEndpoints
{
    public static IEndpointRouteBuilder MapClaims(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapContractGroup("/api/contracts/{contractId}/claims", "Claims");
        group.MapPost("/", CreateAsync).WithName("CreateClaim").WithValidation<CreateClaimRequest>().AllowRoles(Role.Provider)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAsync).WithName("ListClaims").ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>Adds a note from the trust about a measure's figure for a period; a return need not have been sent.</summary>
    public static async Task<Results<Created<ClaimResponse>, ProblemHttpResult>> CreateAsync(
        ContractAccess access, CreateClaimRequest request, MeasureStore measures, ClaimStore claims, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var about = MeasurePeriodRules.Check(request.MeasureCode, await measures.FindAsync(access.Id, request.MeasureCode!, cancellationToken),
            request.Period, access.Contract, UkCalendar.Today(clock), errors);
        if (about is null)
        {
            return WriteResults.Unprocessable(errors, "No claim was stored.");
        }

        var claim = await claims.AddAsync(access.Contract, access.Caller, about, request.Text!, cancellationToken);
        return TypedResults.Created($"/api/contracts/{access.Id}/claims?measure={Uri.EscapeDataString(claim.MeasureCode)}&period={claim.Period}", claim.ToResponse());
    }

    /// <summary>Everything the trust has said, oldest first: commentary of each revision and notes, optionally for one measure or period.</summary>
    public static async Task<Results<Ok<ClaimListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        ContractAccess access, string? measure, string? period, MeasureStore measures, ClaimStore claims, CancellationToken cancellationToken)
    {
        var filter = await MeasureFilter.ReadAsync(access.Id, measure, period, measures, cancellationToken);
        if (filter.Invalid is { } invalid)
        {
            return invalid;
        }

        if (filter.NotFound is { } notFound)
        {
            return notFound;
        }

        return TypedResults.Ok(new ClaimListResponse(
            (await claims.ListAsync(access.Id, filter.Measure, filter.Period, cancellationToken)).Select(c => c.ToResponse()).ToList()));
    }
}
