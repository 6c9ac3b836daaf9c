using System.Text.Json;
using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Csv;
using ContractMonitor.Api.Features.Measures;
using ContractMonitor.Api.Idempotency;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Security;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Idempotency;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ContractMonitor.Api.Features.Returns;

internal static class ReturnsEndpoints
{
    public static IEndpointRouteBuilder MapReturns(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapContractGroup("/api/contracts/{contractId}/returns", "Returns");
        // One route, two bodies: routing picks the endpoint by Content-Type (415 for anything else).
        // Without a Content-Type both would match; the JSON one goes first and answers 415.
        group.MapPost("/", SubmitAsync).WithName("SubmitReturns").CountsRefusedBatches().WithValidation<SubmitReturnsRequest>().AllowRoles(Role.Provider)
            .AcceptsIdempotencyKey().AllowBodyUpTo(RequestLimits.ReturnsBodyBytes)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/", SubmitCsvAsync).WithName("SubmitReturnsCsv").CountsRefusedBatches().AllowRoles(Role.Provider).WithOrder(1)
            .AcceptsIdempotencyKey().AllowBodyUpTo(RequestLimits.ReturnsBodyBytes)
            .Accepts<string>(ReturnsCsv.ContentType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", ListAsync).WithName("ListReturns")
            .Produces(StatusCodes.Status200OK, contentType: ReturnsCsv.ContentType)
            .ProducesValidationProblem();

        endpoints.MapContractGroup("/api/contracts/{contractId}/measures/{code}/returns", "Returns")
            .MapGet("/{period}", HistoryAsync).WithName("GetReturn")
            .ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>Stores a batch of returns as new revisions, all or nothing.</summary>
    public static Task<Results<Created<ReturnListResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        ContractAccess access, SubmitReturnsRequest request, HttpContext context,
        MeasureStore measures, ReturnStore returns, IdempotencyKeys keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        return SubmitRowsAsync(access, request.Returns!, i => $"returns[{i}]", new Dictionary<string, string[]>(),
            context, measures, returns, keys, clock, cancellationToken);
    }

    /// <summary>The same batch as a CSV file; errors name the line, the header being line 1.</summary>
    public static async Task<Results<Created<ReturnListResponse>, ValidationProblem, ProblemHttpResult>> SubmitCsvAsync(
        ContractAccess access, HttpRequest request,
        MeasureStore measures, ReturnStore returns, IdempotencyKeys keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        var charset = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type.Charset.Value : null;
        if (charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported content type.",
                detail: $"CSV must be sent as UTF-8 (text/csv; charset=utf-8), not {charset}.");
        }

        var upload = await ReturnsCsv.ReadAsync(request.Body, SubmitReturnsValidator.MaxRows, cancellationToken);
        if (upload.FileProblem is not null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The CSV file could not be read.",
                detail: upload.FileProblem);
        }

        return await SubmitRowsAsync(access, upload.Rows, i => ReturnsCsv.LineName(upload.Lines[i]), upload.Errors,
            request.HttpContext, measures, returns, keys, clock, cancellationToken);
    }

    private static async Task<Results<Created<ReturnListResponse>, ValidationProblem, ProblemHttpResult>> SubmitRowsAsync(
        ContractAccess access, IReadOnlyList<ReturnRowRequest?> rows, Func<int, string> rowName,
        IReadOnlyDictionary<string, string[]> readErrors, HttpContext context,
        MeasureStore measures, ReturnStore returns, IdempotencyKeys keys, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (idempotencyKey, keyProblem) = IdempotencyHeader.Read(context.Request);
        if (keyProblem is not null)
        {
            return InvalidRequest.Of(IdempotencyHeader.Name, keyProblem);
        }

        // A repeat is answered before the measures are read and the rows checked again; the store
        // checks the key once more inside its transaction for repeats that race.
        var location = $"/api/contracts/{access.Id}/returns";
        var idempotency = idempotencyKey is null
            ? null
            : new IdempotentRequest(idempotencyKey, ReturnStore.RequestHash(access.Id, rows), StatusCodes.Status201Created, location);
        if (idempotency is not null && await keys.FindAsync(access.Caller, idempotency.Key, cancellationToken) is { } earlier)
        {
            return Answer(SubmitResult.Repeat(earlier, idempotency), location, context.Response);
        }

        var byCode = (await measures.ListAsync(access.Id, cancellationToken)).ToDictionary(m => m.Code);
        var check = ReturnRules.Check(rows, access.Contract, byCode, UkCalendar.Today(clock), rowName);
        if (!check.IsValid || readErrors.Count > 0)
        {
            // A cell that could not be read says so, rather than "required" from the rules.
            var errors = check.Errors.Where(e => !readErrors.ContainsKey(e.Key)).Concat(readErrors)
                .OrderBy(e => RowNumber(e.Key)).ThenBy(e => e.Key, StringComparer.Ordinal).ToDictionary();
            return WriteResults.Unprocessable(errors, "No return was stored: correct the rows named below and send the whole batch again.");
        }

        var result = await returns.SubmitAsync(access.Contract, access.Caller, check.Rows, idempotency, cancellationToken);
        return Answer(result, location, context.Response);
    }

    private static Results<Created<ReturnListResponse>, ValidationProblem, ProblemHttpResult> Answer(
        SubmitResult result, string location, HttpResponse response)
    {
        if (result.Status == SubmitStatus.KeyReused)
        {
            RefusedBatches.Because(response.HttpContext, "key_reused");
            return WriteResults.Unprocessable(new Dictionary<string, string[]>
            {
                [IdempotencyHeader.Name] = ["was already used for a different request. Use a new key for a new batch."],
            });
        }

        if (result.Status == SubmitStatus.Locked)
        {
            RefusedBatches.Because(response.HttpContext, "locked");
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The period's figures are fixed", detail: result.LockedDetail);
        }

        if (result.Status == SubmitStatus.Changed)
        {
            RefusedBatches.Because(response.HttpContext, "changed");
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The contract changed", detail: SubmitResult.ChangedDetail);
        }

        if (result.Status == SubmitStatus.Replayed)
        {
            // Only a replay reads the remembered answer back.
            var earlier = result.Earlier!;
            response.Headers[IdempotencyHeader.ReplayedHeader] = "true";
            return TypedResults.Created(earlier.Location, JsonSerializer.Deserialize<ReturnListResponse>(earlier.Body, JsonDefaults.Web));
        }

        Core.Telemetry.ServiceMetrics.Accepted(result.Stored!.Count);
        return TypedResults.Created(location, new ReturnListResponse(result.Stored.ToResponses()));
    }

    /// <summary>The n of <c>returns[n].field</c> or <c>lines[n]</c>, so errors read in the order of the rows.</summary>
    internal static int RowNumber(string key)
    {
        var open = key.IndexOf('[', StringComparison.Ordinal);
        var close = key.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open && int.TryParse(key.AsSpan(open + 1, close - open - 1), out var n) ? n : -1;
    }

    /// <summary>
    /// The figure that counts for each measure and period. JSON, or CSV with <c>?format=csv</c> or
    /// <c>Accept: text/csv</c>, in the upload's columns so an export can be edited and sent back.
    /// </summary>
    public static async Task<Results<Ok<ReturnListResponse>, FileContentHttpResult, ValidationProblem, ProblemHttpResult>> ListAsync(
        ContractAccess access, string? period, string? measure, string? format, HttpRequest request,
        MeasureStore measures, ReturnStore returns, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Period? only = null;
        if (period is not null)
        {
            if (Period.TryParse(period.Trim(), out var parsed))
            {
                only = parsed;
            }
            else
            {
                errors["period"] = [$"is not a period. Use {Period.AcceptedForms}."];
            }
        }

        var csv = CsvExport.Wanted(format, request);
        if (csv is null)
        {
            errors["format"] = [CsvExport.InvalidFormat];
        }

        if (errors.Count > 0)
        {
            return InvalidRequest.Of(errors);
        }

        Measure? one = null;
        if (measure is not null && (one = await measures.FindAsync(access.Id, measure, cancellationToken)) is null)
        {
            return MeasuresEndpoints.MeasureNotFound(measure);
        }

        var current = (await returns.ListCurrentAsync(access.Contract, one, only, cancellationToken)).ToResponses();
        return csv == true
            ? CsvExport.File("returns", access.Contract, writer => ReturnsCsv.Write(writer, current))
            : TypedResults.Ok(new ReturnListResponse(current));
    }

    /// <summary>The figure that counts for one measure and period, and every revision with who sent it and when.</summary>
    public static async Task<Results<Ok<ReturnHistoryResponse>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        ContractAccess access, string code, string period, MeasureStore measures, ReturnStore returns, CancellationToken cancellationToken)
    {
        var measure = await measures.FindAsync(access.Id, code, cancellationToken);
        if (measure is null)
        {
            return MeasuresEndpoints.MeasureNotFound(code);
        }

        if (!Period.TryParse(period, measure.Frequency, out var parsed, out var error))
        {
            return InvalidRequest.Of("period", error);
        }

        var history = await returns.HistoryAsync(access.Contract, measure, parsed, cancellationToken);
        return history is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Return not found",
                detail: $"No return has been sent for {measure.Code} in {parsed}.")
            : TypedResults.Ok(history.ToResponse());
    }
}
