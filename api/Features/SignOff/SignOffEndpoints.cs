using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.SignOff;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.SignOff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.SignOff;

/// <summary>
/// Sign-off and lock of a contract period's figures (issue 20): the trust signs off, the council
/// accepts or queries, and may reopen an accepted period. An accepted period's figures are locked.
/// </summary>
internal static class SignOffEndpoints
{
    private static readonly Role[] Council = [Role.Commissioner, Role.Admin];

    public static IEndpointRouteBuilder MapSignOff(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapContractGroup("/api/contracts/{contractId}/periods", "Sign-off");
        group.MapGet("/{period}", ReadAsync).WithName("GetPeriod").ProducesValidationProblem();
        group.MapPost("/{period}/sign-off", SignOffAsync).WithName("SignOffPeriod").AllowRoles(Role.Provider)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{period}/accept", AcceptAsync).WithName("AcceptPeriod").WithValidation<PeriodNoteRequest>().AllowRoles(Council)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{period}/query", QueryAsync).WithName("QueryPeriod").WithValidation<PeriodNoteRequest>().AllowRoles(Council)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{period}/reopen", ReopenAsync).WithName("ReopenPeriod").WithValidation<ReopenPeriodRequest>().AllowRoles(Council)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return endpoints;
    }

    /// <summary>The period's state, the measures it covers, and every step taken, as known at <c>knownAt</c> (default now).</summary>
    public static async Task<Results<Ok<PeriodStateResponse>, ValidationProblem, ProblemHttpResult>> ReadAsync(
        ContractAccess access, string period, string? knownAt, MeasureStore measures, PeriodSignOffStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var dates = QueryValues.ReadDates(null, knownAt, clock, errors);
        if (errors.Count > 0)
        {
            return InvalidRequest.Of(errors);
        }

        if (PeriodOf(period, access.Contract) is not { } checkedPeriod)
        {
            return Refusal(period, access.Contract);
        }

        var signOff = await store.ReadAsync(access.Contract, checkedPeriod, await measures.ListAsync(access.Id, cancellationToken), dates.KnownAt,
            cancellationToken);
        return TypedResults.Ok(signOff.ToResponse());
    }

    /// <summary>The trust vouches for the period's figures: every measure the period covers must have one.</summary>
    public static Task<Results<Ok<PeriodStateResponse>, ValidationProblem, ProblemHttpResult>> SignOffAsync(
        ContractAccess access, string period, MeasureStore measures, PeriodSignOffStore store, CancellationToken cancellationToken) =>
        ActAsync(access, period, PeriodAction.SignedOff, null, measures, store, cancellationToken);

    /// <summary>The council accepts the signed-off figures, which locks them until it reopens the period.</summary>
    public static Task<Results<Ok<PeriodStateResponse>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        ContractAccess access, string period, PeriodNoteRequest request, MeasureStore measures, PeriodSignOffStore store,
        CancellationToken cancellationToken) =>
        ActAsync(access, period, PeriodAction.Accepted, request.Note, measures, store, cancellationToken);

    /// <summary>The council asks about the signed-off figures; the trust may revise them and sign off again.</summary>
    public static async Task<Results<Ok<PeriodStateResponse>, ValidationProblem, ProblemHttpResult>> QueryAsync(
        ContractAccess access, string period, PeriodNoteRequest request, MeasureStore measures, PeriodSignOffStore store,
        CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(request.Note)
            ? InvalidRequest.Of("note", "'note' is required: say what the trust should look at.")
            : await ActAsync(access, period, PeriodAction.Queried, request.Note, measures, store, cancellationToken);

    /// <summary>The council reopens an accepted period, with a reason, so the trust can revise it.</summary>
    public static Task<Results<Ok<PeriodStateResponse>, ValidationProblem, ProblemHttpResult>> ReopenAsync(
        ContractAccess access, string period, ReopenPeriodRequest request, MeasureStore measures, PeriodSignOffStore store,
        CancellationToken cancellationToken) =>
        ActAsync(access, period, PeriodAction.Reopened, request.Reason, measures, store, cancellationToken);

    private static async Task<Results<Ok<PeriodStateResponse>, ValidationProblem, ProblemHttpResult>> ActAsync(
        ContractAccess access, string period, PeriodAction action, string? note, MeasureStore measures, PeriodSignOffStore store,
        CancellationToken cancellationToken)
    {
        if (PeriodOf(period, access.Contract) is not { } checkedPeriod)
        {
            return Refusal(period, access.Contract);
        }

        var result = await store.ActAsync(access.Contract, await measures.ListAsync(access.Id, cancellationToken), checkedPeriod, access.Caller,
            action, note, cancellationToken);
        if (result.Conflict is { } conflict)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not in this state",
                detail: $"{conflict} The period is {result.SignOff!.State}.");
        }

        if (result.Unready is { } unready)
        {
            return WriteResults.Unprocessable(new Dictionary<string, string[]> { ["period"] = [unready] });
        }

        if (result.Missing is { } missing)
        {
            return WriteResults.Unprocessable(new Dictionary<string, string[]>
            {
                ["measures"] = [.. missing.Select(code => $"{code} has no figure for {checkedPeriod}.")],
            }, $"The period cannot be signed off until every measure it covers has a figure: {string.Join(", ", missing)}.");
        }

        return TypedResults.Ok(result.SignOff!.ToResponse());
    }

    /// <summary>A period inside the contract's term, or null.</summary>
    private static Period? PeriodOf(string text, Contract contract) =>
        Period.TryParse(text.Trim(), out var period) && period.Overlaps(contract.StartDate, contract.EndDate) ? period : null;

    private static Results<Ok<PeriodStateResponse>, ValidationProblem, ProblemHttpResult> Refusal(string text, Contract contract) =>
        Period.TryParse(text.Trim(), out var period)
            ? WriteResults.Unprocessable(new Dictionary<string, string[]>
            {
                ["period"] = [ContractTerm.Outside(period.ToString(), contract.StartDate, contract.EndDate)],
            })
            : InvalidRequest.Of("period", $"'{Core.Text.TextRules.Shorten(text)}' is not a period. Use {Period.AcceptedForms}.");

    private static PeriodStateResponse ToResponse(this PeriodSignOff signOff) => new(
        signOff.Period.ToString(), signOff.State, signOff.Measures, signOff.Acceptance?.Actor, signOff.Acceptance?.OccurredAt,
        signOff.Steps.Select(s => new PeriodEventResponse(s.Action, s.Note, s.Actor, s.ActorOrg, s.OccurredAt)).ToList());
}

internal sealed class PeriodNoteValidator : ApiValidator<PeriodNoteRequest>
{
    public PeriodNoteValidator() => RuleFor(r => r.Note).OptionalText(1000);
}

internal sealed class ReopenPeriodValidator : ApiValidator<ReopenPeriodRequest>
{
    public ReopenPeriodValidator() => RuleFor(r => r.Reason).RequiredText(1000);
}
