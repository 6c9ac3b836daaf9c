using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Features.Measures;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.SignOff;
using ContractMonitor.Core.Jobs;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Evaluations;

internal static class EvaluationsEndpoints
{
    public static IEndpointRouteBuilder MapEvaluations(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapContractGroup("/api/contracts/{contractId}", "Evaluations");
        group.MapPost("/evaluations", RequestAsync).WithName("RequestEvaluation").AllowRoles(Role.Commissioner, Role.Admin);
        group.MapGet("/evaluations/{requestId:long}", GetRequestAsync).WithName("GetEvaluationRequest");
        group.MapGet("/status", StatusAsync).WithName("GetStatus").ProducesValidationProblem();
        group.MapGet("/summary", SummaryAsync).WithName("GetSummary").ProducesValidationProblem();
        group.MapGet("/measures/{code}/history", HistoryAsync).WithName("GetMeasureHistory").ProducesValidationProblem();
        return endpoints;
    }

    /// <summary>
    /// Asks for this contract to be evaluated now. The request is stored first and the job only
    /// wakes the evaluator, so the request is answered even if the queue loses the job.
    /// </summary>
    public static async Task<Accepted<EvaluationRequestResponse>> RequestAsync(
        ContractAccess access, EvaluationRequests requests, IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        var request = await requests.CreateAsync(access.Id, access.Caller, cancellationToken);
        jobs.Enqueue<EvaluationJobs>(j => j.EvaluateContractAsync(access.Id, CancellationToken.None));
        return TypedResults.Accepted($"/api/contracts/{access.Id}/evaluations/{request.Id}", request.ToResponse());
    }

    /// <summary>An "evaluate now" request: whether the evaluator has answered it yet, and what it did.</summary>
    public static async Task<Results<Ok<EvaluationRequestResponse>, ProblemHttpResult>> GetRequestAsync(
        ContractAccess access, long requestId, EvaluationRequests requests, CancellationToken cancellationToken)
    {
        return await requests.FindAsync(access.Id, requestId, cancellationToken) is { } request
            ? TypedResults.Ok(request.ToResponse())
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Evaluation request not found",
                detail: $"This contract has no evaluation request {requestId}.");
    }

    /// <summary>Each measure at its latest period ended by <c>asOf</c>, as known at <c>knownAt</c> (default: now).</summary>
    public static async Task<Results<Ok<StatusResponse>, ValidationProblem>> StatusAsync(
        ContractAccess access, string? asOf, string? knownAt, StatusReader reader, PeriodSignOffStore signOffs,
        Core.Exceptions.ExceptionStore exceptions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var dates = QueryValues.ReadDates(asOf, knownAt, clock, errors);
        if (errors.Count > 0)
        {
            return InvalidRequest.Of(errors);
        }

        var status = (await reader.StatusAsync(access.Contract, dates.AsOf, dates.KnownAt, cancellationToken)).ToResponse();
        // Each period's sign-off state beside its figures (issue 20): where the trust and the council stand on them.
        var states = await signOffs.StatesAsync(access.Id, status.Measures.Select(m => m.Period).OfType<string>().ToList(), dates.KnownAt,
            cancellationToken);
        // An agreed exception holding on the day the knowledge is of, beside its measure and its held escalations.
        var holds = await Exceptions.ExceptionHolds.ReadAsync(exceptions, access.Id, dates.KnownAt, clock, cancellationToken);
        return TypedResults.Ok(status with
        {
            KnownAt = dates.KnownAt,
            Measures = status.Measures.Select(m => m with
            {
                DataState = m.Period is { } p ? states[p] : null,
                Exception = holds.For(m.Code),
                Escalation = holds.Held(m.Code, m.Period, m.Escalation),
                Escalations = holds.Held(m.Code, m.Period, m.Escalations),
            }).ToList(),
        });
    }

    /// <summary>The status counted, with the same dates.</summary>
    public static async Task<Results<Ok<SummaryResponse>, ValidationProblem>> SummaryAsync(
        ContractAccess access, string? asOf, string? knownAt, StatusReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var dates = QueryValues.ReadDates(asOf, knownAt, clock, errors);
        if (errors.Count > 0)
        {
            return InvalidRequest.Of(errors);
        }

        return TypedResults.Ok((await reader.SummaryAsync(access.Contract, dates.AsOf, dates.KnownAt, cancellationToken)).ToResponse() with
        {
            KnownAt = dates.KnownAt,
        });
    }

    /// <summary>
    /// The measure's periods that overlap <c>from</c> to <c>to</c>, oldest first. Either may be a
    /// month, a quarter or a financial year, whatever the measure's frequency. With
    /// <c>rollup=Quarterly|Annual</c>, its quarters or years, rolled up by the measure's rollup.
    /// </summary>
    public static async Task<Results<Ok<HistoryResponse>, ValidationProblem, ProblemHttpResult>> HistoryAsync(
        ContractAccess access, string code, string? from, string? to, string? knownAt, string? rollup, MeasureStore measures,
        StatusReader reader, TimeProvider clock, CancellationToken cancellationToken)
    {
        var measure = await measures.FindAsync(access.Id, code, cancellationToken);
        if (measure is null)
        {
            return MeasuresEndpoints.MeasureNotFound(code);
        }

        var errors = new Dictionary<string, string[]>();
        var first = ReadPeriod("from", from, measure, errors);
        var last = ReadPeriod("to", to, measure, errors);
        if (first is { } f && last is { } l && l.End < f.Start)
        {
            errors["to"] = [$"must not end before from ({f}) starts; {l} ends on {l.End:yyyy-MM-dd}."];
        }

        var dates = QueryValues.ReadDates(null, knownAt, clock, errors);
        var grain = ReadRollup(rollup, measure, errors);
        if (errors.Count > 0)
        {
            return InvalidRequest.Of(errors);
        }

        if (grain is { } g)
        {
            var rolled = await reader.RolledHistoryAsync(access.Contract, measure, g, first?.Start, last?.End,
                dates.KnownAt ?? PastKnowledge.Now(clock), cancellationToken);
            return TypedResults.Ok(rolled.ToResponse(measure.Code) with { KnownAt = dates.KnownAt });
        }

        var history = await reader.HistoryAsync(access.Contract, measure, first?.Start, last?.End, UkCalendar.Today(clock), dates.KnownAt,
            cancellationToken);
        return TypedResults.Ok(history.ToResponse() with { KnownAt = dates.KnownAt });
    }

    /// <summary>A span longer than the measure's own periods, or null for the periods themselves.</summary>
    private static Frequency? ReadRollup(string? text, Measure measure, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!QueryValues.TryReadName<Frequency>(text, default, out var grain) || grain == Frequency.Monthly)
        {
            errors["rollup"] = [$"'{text}' is not a rollup: use Quarterly or Annual, or leave it out for the measure's own periods."];
            return null;
        }

        if (grain < measure.Frequency)
        {
            errors["rollup"] = [$"{measure.Code} is {measure.Frequency.ToString().ToLowerInvariant()}: its figures cannot be shown by {(grain == Frequency.Quarterly ? "quarter" : "year")}."];
            return null;
        }

        return grain == measure.Frequency ? null : grain;
    }

    /// <summary>A period of any form; one that could be read two ways reads as the measure's own frequency.</summary>
    internal static Period? ReadPeriod(string name, string? text, Measure measure, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        if (Period.TryParse(trimmed, measure.Frequency, out var own, out _))
        {
            return own;
        }

        if (Period.TryParse(trimmed, out var any))
        {
            return any;
        }

        errors[name] = [$"'{trimmed}' is not a period. Use {Period.AcceptedForms}."];
        return null;
    }
}
