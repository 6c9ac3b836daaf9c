using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
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
        group.MapPatch("/{code}", EditAsync).WithName("EditMeasure").WithValidation<EditMeasureRequest>().AllowRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{code}/retirement", RetireAsync).WithName("RetireMeasure").WithValidation<RetireMeasureRequest>().AllowRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{code}/retirement", ReinstateAsync).WithName("ReinstateMeasure").WithValidation<ReinstateMeasureRequest>()
            .AllowRoles(Role.Admin).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>Adds a measure to the contract: code (unique within it), title, definition, unit, polarity, frequency, decimals and the period returns start. 409 for a code already used.</summary>
    public static async Task<Results<Created<MeasureResponse>, ProblemHttpResult>> CreateAsync(
        ContractAccess access, CreateMeasureRequest request, MeasureStore store, CancellationToken cancellationToken)
    {
        var result = await store.CreateAsync(access.Id, access.Caller, request, cancellationToken);
        return result.Status == WriteStatus.Created
            ? TypedResults.Created($"/api/contracts/{access.Id}/measures/{Uri.EscapeDataString(result.Value!.Code)}", result.Value.ToResponse())
            : WriteResults.Refused(result);
    }

    /// <summary>The contract's measures, retired ones marked as such.</summary>
    public static async Task<Ok<List<MeasureResponse>>> ListAsync(
        ContractAccess access, MeasureStore store, CancellationToken cancellationToken)
    {
        var measures = await store.ListAsync(access.Id, cancellationToken);
        return TypedResults.Ok(measures.Select(m => m.ToResponse()).ToList());
    }

    /// <summary>One measure with its definition versions; with <c>period</c>, the definition in force then.</summary>
    /// <param name="period">A period of the measure: <c>definition</c> is then the one in force for it.</param>
    public static async Task<Results<Ok<MeasureResponse>, ProblemHttpResult>> GetAsync(
        ContractAccess access, string code, string? period, MeasureStore store, MeasureLifeStore life, CancellationToken cancellationToken)
    {
        var measure = await store.FindAsync(access.Id, code, cancellationToken);
        if (measure is null)
        {
            return MeasureNotFound(code);
        }

        Period? of = null;
        if (period is not null)
        {
            if (!Period.TryParse(period.Trim(), measure.Frequency, out var parsed, out var error))
            {
                return PeriodText.IsPeriod(period)
                    ? WriteResults.Unprocessable(new Dictionary<string, string[]> { ["period"] = [error] })
                    : TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["period"] = [PeriodText.NotAPeriod("period")] })
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = InvalidRequest.Title,
                    });
            }

            of = parsed;
        }

        return TypedResults.Ok(measure.ToResponse(await life.DefinitionsAsync(measure, cancellationToken), of));
    }

    /// <summary>Changes a measure's words, decimals, unit label, start or definition (from a period), with a reason (issue 20).</summary>
    public static async Task<Results<Ok<MeasureResponse>, ProblemHttpResult>> EditAsync(
        ContractAccess access, string code, EditMeasureRequest request, MeasureStore store, MeasureLifeStore life,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(access.Id, code, cancellationToken) is not { } measure)
        {
            return MeasureNotFound(code);
        }

        var result = await life.EditAsync(access.Contract, measure, access.Caller, request, cancellationToken);
        return result.Status is WriteStatus.Updated or WriteStatus.Unchanged
            ? TypedResults.Ok(result.Value!.ToResponse(await life.DefinitionsAsync(result.Value!, cancellationToken), null))
            : WriteResults.Refused(result);
    }

    /// <summary>From a period on, the measure is neither owed nor rated; its open escalations resolve, saying why (issue 20).</summary>
    public static async Task<Results<Ok<MeasureResponse>, ProblemHttpResult>> RetireAsync(
        ContractAccess access, string code, RetireMeasureRequest request, MeasureStore store, MeasureLifeStore life,
        CancellationToken cancellationToken)
    {
        if (await store.FindAsync(access.Id, code, cancellationToken) is not { } measure)
        {
            return MeasureNotFound(code);
        }

        var result = await life.RetireAsync(access.Contract, measure, access.Caller, request, cancellationToken);
        return result.Status is WriteStatus.Updated or WriteStatus.Unchanged
            ? TypedResults.Ok(result.Value!.ToResponse())
            : WriteResults.Refused(result);
    }

    /// <summary>Undoes a retirement, with a reason: the measure is owed and rated again from its retirement period.</summary>
    public static async Task<Results<Ok<MeasureResponse>, ProblemHttpResult>> ReinstateAsync(
        ContractAccess access, string code, [Microsoft.AspNetCore.Mvc.FromBody] ReinstateMeasureRequest request, MeasureStore store,
        MeasureLifeStore life, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(access.Id, code, cancellationToken) is not { } measure)
        {
            return MeasureNotFound(code);
        }

        var result = await life.ReinstateAsync(access.Contract, measure, access.Caller, request.Reason, cancellationToken);
        return result.Status == WriteStatus.Updated ? TypedResults.Ok(result.Value!.ToResponse()) : WriteResults.Refused(result);
    }

    public static ProblemHttpResult MeasureNotFound(string code) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Measure not found",
            detail: $"This contract has no measure with code '{code}'.");
}
