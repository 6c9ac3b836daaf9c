using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Features.Measures;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Targets;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Targets;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Targets;

internal static class TargetsEndpoints
{
    public static IEndpointRouteBuilder MapTargets(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapContractGroup("/api/contracts/{contractId}/measures/{code}/targets", "Targets");
        group.MapPut("/{year}", SetAsync).WithName("SetTarget").WithValidation<SetTargetRequest>().AllowRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAsync).WithName("ListTargets");
        return endpoints;
    }

    /// <summary>201 for a year's first target, 200 for a new version or an unchanged repeat.</summary>
    public static async Task<Results<Created<TargetResponse>, Ok<TargetResponse>, ValidationProblem, ProblemHttpResult>> SetAsync(
        ContractAccess access, string code, string year, SetTargetRequest request,
        MeasureStore measures, TargetStore targets, CancellationToken cancellationToken)
    {
        if (!FinancialYear.TryParse(year, out var financialYear))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["year"] = [$"'{year}' is not {FinancialYear.AcceptedForm}."] });
        }

        var measure = await measures.FindAsync(access.Id, code, cancellationToken);
        if (measure is null)
        {
            return MeasuresEndpoints.MeasureNotFound(code);
        }

        var errors = Check(access, measure, financialYear.Value, request);
        if (errors.Count > 0)
        {
            return WriteResults.Unprocessable(errors);
        }

        var result = await targets.SetAsync(measure, financialYear.Value, access.Caller, request, cancellationToken);
        return result.Status switch
        {
            WriteStatus.Created => TypedResults.Created(
                $"/api/contracts/{access.Id}/measures/{Uri.EscapeDataString(measure.Code)}/targets", result.Value!.ToResponse()),
            WriteStatus.Updated or WriteStatus.Unchanged => TypedResults.Ok(result.Value!.ToResponse()),
            _ => WriteResults.Refused(result),
        };
    }

    /// <summary>Every target version of the measure, by financial year, with who set it, when and why.</summary>
    public static async Task<Results<Ok<TargetHistoryResponse>, ProblemHttpResult>> ListAsync(
        ContractAccess access, string code, MeasureStore measures, TargetStore targets, CancellationToken cancellationToken)
    {
        var measure = await measures.FindAsync(access.Id, code, cancellationToken);
        return measure is null
            ? MeasuresEndpoints.MeasureNotFound(code)
            : TypedResults.Ok(new TargetHistoryResponse(measure.Code, (await targets.ListAsync(measure, cancellationToken)).Select(t => t.ToResponse()).ToList()));
    }

    private static Dictionary<string, string[]> Check(ContractAccess access, Measure measure, FinancialYear year, SetTargetRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var contract = access.Contract;
        if (!year.Overlaps(contract.StartDate, contract.EndDate))
        {
            errors["year"] = [$"{year} is outside the contract's term ({contract.StartDate:yyyy-MM-dd} to {contract.EndDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "open"})."];
        }

        if (MeasureValueRules.Check(measure.Unit, measure.Decimals, request.Target!.Value) is { } targetError)
        {
            errors["target"] = [$"'target' {targetError}"];
        }

        if (MeasureValueRules.Check(measure.Unit, measure.Decimals, request.Tolerance!.Value) is { } toleranceError)
        {
            errors["tolerance"] = [$"'tolerance' {toleranceError}"];
        }
        else if (TargetRules.CheckTolerance(measure.Polarity, request.Target.Value, request.Tolerance.Value) is { } polarityError)
        {
            errors["tolerance"] = [$"'tolerance' {polarityError}"];
        }

        return errors;
    }
}
