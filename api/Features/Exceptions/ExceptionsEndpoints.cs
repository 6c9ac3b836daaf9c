using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Exceptions;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Exceptions;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Exceptions;

/// <summary>
/// Agreed exceptions (issue 20): the council agrees a measure will fail for a known reason until a
/// day; its escalations neither open nor climb meanwhile, and resume by the rules when it ends.
/// </summary>
internal static class ExceptionsEndpoints
{
    private static readonly Role[] Council = [Role.Commissioner, Role.Admin];

    public static IEndpointRouteBuilder MapExceptions(this IEndpointRouteBuilder endpoints)
    {
        var contract = endpoints.MapContractGroup("/api/contracts/{contractId}", "Exceptions");
        contract.MapPost("/measures/{code}/exceptions", CreateAsync).WithName("CreateException").WithValidation<CreateExceptionRequest>()
            .AllowRoles(Council).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        contract.MapGet("/exceptions", ListAsync).WithName("ListExceptions");

        var group = endpoints.MapVisibleGroup("/api/exceptions", "Exceptions");
        group.MapGet("/{id:long}", Get).WithName("GetException").RequireVisible();
        group.MapPost("/{id:long}/extend", ExtendAsync).WithName("ExtendException").WithValidation<ExtendExceptionRequest>()
            .RequireVisible().AllowRoles(Council).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:long}/end", EndAsync).WithName("EndException").WithValidation<EndExceptionRequest>()
            .RequireVisible().AllowRoles(Council).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>Agrees an exception on a measure, from a period until a day; the chair and vice-chair are told.</summary>
    public static async Task<Results<Created<ExceptionResponse>, ProblemHttpResult>> CreateAsync(
        ContractAccess access, string code, CreateExceptionRequest request, MeasureStore measures, ExceptionStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await measures.FindAsync(access.Id, code, cancellationToken) is not { } measure)
        {
            return Measures.MeasuresEndpoints.MeasureNotFound(code);
        }

        var result = await store.CreateAsync(access.Contract, measure, access.Caller, request, cancellationToken);
        return result.Status == WriteStatus.Created
            ? TypedResults.Created($"/api/exceptions/{result.Value!.Id}", result.Value.ToResponse(UkCalendar.Today(clock)))
            : WriteResults.Refused(result);
    }

    /// <summary>Every agreed exception of the contract, oldest first, with its steps (agreed, extended, ended, expired).</summary>
    public static async Task<Ok<ExceptionListResponse>> ListAsync(
        ContractAccess access, ExceptionStore store, TimeProvider clock, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ExceptionListResponse(
            (await store.ListAsync(access.Id, cancellationToken)).Select(x => x.ToResponse(UkCalendar.Today(clock))).ToList()));

    /// <summary>One agreed exception with its steps.</summary>
    public static Ok<ExceptionResponse> Get(VisibleException visible, TimeProvider clock) =>
        TypedResults.Ok(visible.Exception.ToResponse(UkCalendar.Today(clock)));

    /// <summary>Moves the last day it holds later, with a reason; the chair and vice-chair are told.</summary>
    public static async Task<Results<Ok<ExceptionResponse>, ProblemHttpResult>> ExtendAsync(
        VisibleException visible, ExtendExceptionRequest request, ContractStore contracts, ExceptionStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var contract = (await contracts.FindVisibleAsync(visible.Exception.ContractId, visible.Caller, cancellationToken))!;
        var result = await store.ExtendAsync(contract, visible.Exception, visible.Caller, request, cancellationToken);
        return result.Status == WriteStatus.Updated ? TypedResults.Ok(result.Value!.ToResponse(UkCalendar.Today(clock))) : WriteResults.Refused(result);
    }

    /// <summary>Ends it today, with a reason: the measure's escalations resume by the rules at the next evaluation.</summary>
    public static async Task<Results<Ok<ExceptionResponse>, ProblemHttpResult>> EndAsync(
        VisibleException visible, EndExceptionRequest request, ContractStore contracts, ExceptionStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var contract = (await contracts.FindVisibleAsync(visible.Exception.ContractId, visible.Caller, cancellationToken))!;
        var result = await store.EndAsync(contract, visible.Exception, visible.Caller, request, cancellationToken);
        return result.Status == WriteStatus.Updated ? TypedResults.Ok(result.Value!.ToResponse(UkCalendar.Today(clock))) : WriteResults.Refused(result);
    }

    public static ExceptionResponse ToResponse(this AgreedException x, DateOnly today) => new(
        x.Id, x.ContractId, x.MeasureCode, x.Reason, x.FromPeriod.ToString(), x.HoldsFrom.ToString(), x.Until, x.EndedOn, x.StatusOn(today),
        x.Steps.Select(s => new ExceptionEventResponse(s.Type, s.Until, s.Note, s.Actor, s.OccurredAt)).ToList());
}

internal sealed class CreateExceptionValidator : ApiValidator<CreateExceptionRequest>
{
    public CreateExceptionValidator()
    {
        RuleFor(r => r.Reason).RequiredText(1000);
        RuleFor(r => r.FromPeriod).RequiredText(16).Must(Measures.PeriodText.IsPeriod).WithMessage(Measures.PeriodText.NotAPeriod("fromPeriod"));
        RuleFor(r => r.Until).NotNull().WithMessage("'until' is required: an agreed exception is never open-ended.");
    }
}

internal sealed class ExtendExceptionValidator : ApiValidator<ExtendExceptionRequest>
{
    public ExtendExceptionValidator()
    {
        RuleFor(r => r.Until).NotNull().WithMessage("'until' is required: the new last day it holds.");
        RuleFor(r => r.Reason).RequiredText(1000);
    }
}

internal sealed class EndExceptionValidator : ApiValidator<EndExceptionRequest>
{
    public EndExceptionValidator() => RuleFor(r => r.Reason).RequiredText(1000);
}
