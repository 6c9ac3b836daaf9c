using System.Globalization;
using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Features.Measures;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Challenges;

/// <summary>The council's voice, and the trust's answers to it (DESIGN §3.5).</summary>
internal static class ChallengesEndpoints
{
    private static readonly Role[] MayChallenge = [Role.Commissioner, Role.Admin];
    private static readonly Role[] MayRespond = [Role.Provider];

    public static IEndpointRouteBuilder MapChallenges(this IEndpointRouteBuilder endpoints)
    {
        var contract = endpoints.MapContractGroup("/api/contracts/{contractId}/challenges", "Challenges");
        contract.MapPost("/", CreateAsync).WithName("CreateChallenge").WithValidation<CreateChallengeRequest>().AllowRoles(MayChallenge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        contract.MapGet("/", ListAsync).WithName("ListChallenges").ProducesValidationProblem();

        var group = endpoints.MapVisibleGroup("/api/challenges", "Challenges");
        group.MapGet("/{id:long}", Get).WithName("GetChallenge").RequireVisible();
        group.MapPost("/{id:long}/responses", RespondAsync).WithName("RespondToChallenge")
            .WithValidation<RespondToChallengeRequest>().RequireVisible().AllowRoles(MayRespond)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/close", CloseAsync).WithName("CloseChallenge")
            .WithValidation<CloseChallengeRequest>().RequireVisible().AllowRoles(MayChallenge)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>
    /// Challenges a measure's figure for a period, pinned to the revision that counts now. A period
    /// with no return yet may be challenged too: the answer says so with <c>challengedWithoutReturn</c>.
    /// </summary>
    public static async Task<Results<Created<ChallengeDetail>, ProblemHttpResult>> CreateAsync(
        ContractAccess access, CreateChallengeRequest request, MeasureStore measures, ChallengeStore challenges, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(clock);
        var errors = new Dictionary<string, string[]>();
        var about = MeasurePeriodRules.Check(request.MeasureCode, await measures.FindAsync(access.Id, request.MeasureCode!, cancellationToken),
            request.Period, access.Contract, today, errors);
        if (ChallengeRules.CheckResponseDueDate(request.ResponseDueDate, today) is { } dueProblem)
        {
            errors["responseDueDate"] = [dueProblem];
        }

        if (about is null || errors.Count > 0)
        {
            return WriteResults.Unprocessable(errors, "No challenge was stored.");
        }

        var challenge = await challenges.CreateAsync(access.Contract, access.Caller, about, request.Text!, request.ResponseDueDate, cancellationToken);
        return TypedResults.Created(Location(challenge.Id), challenge.ToResponse());
    }

    /// <summary>
    /// The contract's challenges, oldest first; <c>status</c> is Open, Responded, Closed, Overdue or
    /// All (the default), and <c>measure</c> and <c>period</c> narrow it further.
    /// </summary>
    public static async Task<Results<Ok<ChallengeListResponse>, ValidationProblem, ProblemHttpResult>> ListAsync(
        ContractAccess access, string? status, string? measure, string? period, MeasureStore measures, ChallengeStore challenges,
        CancellationToken cancellationToken)
    {
        if (!QueryValues.TryReadName(status, ChallengeFilter.All, out var filter))
        {
            return QueryValues.InvalidName<ChallengeFilter>("status");
        }

        var narrowed = await MeasureFilter.ReadAsync(access.Id, measure, period, measures, cancellationToken);
        if (narrowed.Invalid is { } invalid)
        {
            return invalid;
        }

        if (narrowed.NotFound is { } notFound)
        {
            return notFound;
        }

        return TypedResults.Ok(new ChallengeListResponse(
            (await challenges.ListAsync(access.Id, narrowed.Measure, narrowed.Period, filter, cancellationToken)).Select(c => c.ToResponse()).ToList()));
    }

    /// <summary>One challenge with its responses and status, if the caller's organisation can see its contract.</summary>
    public static Ok<ChallengeDetail> Get(VisibleChallenge visible)
    {
        return TypedResults.Ok(visible.Challenge.ToResponse());
    }

    /// <summary>
    /// The trust answers a challenge on one of its contracts; the first response makes it Responded.
    /// A closed challenge takes no more (409).
    /// </summary>
    public static async Task<Results<Created<ChallengeDetail>, ProblemHttpResult>> RespondAsync(
        VisibleChallenge visible, RespondToChallengeRequest request, ChallengeStore challenges, CancellationToken cancellationToken)
    {
        return Answer(visible.Id, await challenges.RespondAsync(visible.Id, visible.Caller, request.Text!, cancellationToken),
            challenge => TypedResults.Created(Location(visible.Id), challenge.ToResponse()));
    }

    /// <summary>The council closes a challenge as Agreed or Disputed; closing it again is 409.</summary>
    public static async Task<Results<Ok<ChallengeDetail>, ProblemHttpResult>> CloseAsync(
        VisibleChallenge visible, CloseChallengeRequest request, ChallengeStore challenges, CancellationToken cancellationToken)
    {
        return Answer(visible.Id, await challenges.CloseAsync(visible.Id, visible.Caller, request.Outcome!.Value, request.Note, cancellationToken),
            challenge => TypedResults.Ok(challenge.ToResponse()));
    }

    private static Results<TSuccess, ProblemHttpResult> Answer<TSuccess>(
        long id, WriteResult<Challenge>? result, Func<Challenge, TSuccess> success)
        where TSuccess : IResult
    {
        if (result is null)
        {
            return VisibleChallenge.NotFound(id);
        }

        return result.Value is { } challenge ? success(challenge) : WriteResults.Refused(result);
    }

    private static string Location(long id) => string.Create(CultureInfo.InvariantCulture, $"/api/challenges/{id}");
}
