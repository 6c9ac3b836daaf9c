using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Csv;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.SplitScreen;
using ContractMonitor.Core.SplitScreen;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.SplitScreen;

internal static class SplitScreenEndpoints
{
    public static IEndpointRouteBuilder MapSplitScreen(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapContractGroup("/api/contracts/{contractId}/split-screen", "Split screen")
            .MapGet("/", ReadAsync).WithName("GetSplitScreen")
            .Produces(StatusCodes.Status200OK, contentType: CsvExport.ContentType)
            .ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>
    /// Every measure at its latest period ended by <c>asOf</c> (default today): the trust's figure
    /// and claims, the rating, and the council's challenges, as known at <c>knownAt</c> (default now). JSON, or one line per measure with
    /// <c>?format=csv</c> or <c>Accept: text/csv</c>.
    /// </summary>
    public static async Task<Results<Ok<SplitScreenResponse>, FileContentHttpResult, ValidationProblem>> ReadAsync(
        ContractAccess access, string? asOf, string? knownAt, string? format, HttpRequest request, SplitScreenReader reader,
        Core.SignOff.PeriodSignOffStore signOffs, Core.Exceptions.ExceptionStore exceptions, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var dates = QueryValues.ReadDates(asOf, knownAt, clock, errors);

        var csv = CsvExport.Wanted(format, request);
        if (csv is null)
        {
            errors["format"] = [CsvExport.InvalidFormat];
        }

        if (errors.Count > 0)
        {
            return InvalidRequest.Of(errors);
        }

        var screen = (await reader.ReadAsync(access.Contract, dates.AsOf, dates.KnownAt, cancellationToken)).ToResponse() with { KnownAt = dates.KnownAt };
        var states = await signOffs.StatesAsync(access.Id, screen.Rows.Select(r => r.Period).OfType<string>().ToList(), dates.KnownAt,
            cancellationToken);
        var holds = await Exceptions.ExceptionHolds.ReadAsync(exceptions, access.Id, dates.KnownAt, clock, cancellationToken);
        screen = screen with
        {
            Rows = screen.Rows.Select(r => r with
            {
                DataState = r.Period is { } p ? states[p] : null,
                Exception = holds.For(r.MeasureCode),
                Escalation = holds.Held(r.MeasureCode, r.Period, r.Escalation),
                Escalations = holds.Held(r.MeasureCode, r.Period, r.Escalations),
            }).ToList(),
        };
        return csv == true
            ? CsvExport.File("split-screen", access.Contract, writer => SplitScreenCsv.Write(writer, screen))
            : TypedResults.Ok(screen);
    }
}
