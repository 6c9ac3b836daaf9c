using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Features.Notifications;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Escalations;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Escalations;

internal static class EscalationsEndpoints
{
    private static readonly Role[] MayAcknowledge = [Role.Commissioner, Role.Admin];

    public static IEndpointRouteBuilder MapEscalations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapContractGroup("/api/contracts/{contractId}/escalations", "Escalations")
            .MapGet("/", ListAsync).WithName("ListEscalations").ProducesValidationProblem();

        var group = endpoints.MapVisibleGroup("/api/escalations", "Escalations");
        group.MapGet("/{id:long}", Get).WithName("GetEscalation").RequireVisible();
        group.MapPost("/{id:long}/acknowledge", AcknowledgeAsync).WithName("AcknowledgeEscalation")
            .WithValidation<AcknowledgeEscalationRequest>().RequireVisible().AllowRoles(MayAcknowledge)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>
    /// The contract's escalations with their events; <c>status</c> is Open, Recovering, Resolved or All
    /// (the default). With <c>knownAt</c>, as they stood then: opened by then, with the events and
    /// emails of then, at the level and status those events left.
    /// </summary>
    public static async Task<Results<Ok<EscalationListResponse>, ValidationProblem>> ListAsync(
        ContractAccess access, string? status, string? knownAt, EscalationStore escalations, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (!QueryValues.TryReadName(status, EscalationFilter.All, out var filter))
        {
            errors["status"] = [QueryValues.NameMessage<EscalationFilter>()];
        }

        var dates = QueryValues.ReadDates(null, knownAt, clock, errors);
        if (errors.Count > 0)
        {
            return InvalidRequest.Of(errors);
        }

        var list = await escalations.ListAsync(access.Id, filter, dates.KnownAt, cancellationToken);
        return TypedResults.Ok(new EscalationListResponse(list.Select(e => AsSeenBy(e, access.Caller).ToResponse()).ToList()));
    }

    /// <summary>One escalation with its events (each with its period, level and cause) and the emails sent about it.</summary>
    public static Ok<EscalationResponse> Get(VisibleEscalation visible)
    {
        return TypedResults.Ok(AsSeenBy(visible.Escalation, visible.Caller).ToResponse());
    }

    /// <summary>The emails name the panel's members and addresses, which only the council's side sees.</summary>
    private static Escalation AsSeenBy(Escalation escalation, Caller caller) =>
        NotificationsEndpoints.MaySee.Contains(caller.Role) ? escalation : escalation with { Notifications = [] };

    /// <summary>
    /// The council records that it has seen the escalation, with a note. Visibility is checked before
    /// the role (VisibilityFilter), so an escalation of another organisation's contract is 404 for everyone.
    /// </summary>
    public static async Task<Results<Ok<EscalationResponse>, ProblemHttpResult>> AcknowledgeAsync(
        VisibleEscalation visible, AcknowledgeEscalationRequest request, EscalationStore escalations, CancellationToken cancellationToken)
    {
        var result = await escalations.AcknowledgeAsync(visible.Id, visible.Caller, request.Note!, cancellationToken);
        if (result is null)
        {
            return visible.NotFound();
        }

        return result.Value is { } escalation ? TypedResults.Ok(escalation.ToResponse()) : WriteResults.Refused(result);
    }
}
