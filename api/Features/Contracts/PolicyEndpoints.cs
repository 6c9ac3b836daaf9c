using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Periods;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Contracts;

/// <summary>
/// The contract's rules over its life (issue 20): returnDueDays, smallCohort, the escalation
/// thresholds and the ladder's names and addresses, each changed from a period by an Admin.
/// </summary>
internal static class PolicyEndpoints
{
    // As a contract's end date may be: the daily jobs and reads step a period past it.
    private static readonly DateOnly LastDay = new(Period.MaxYear - 1, 12, 31);

    public static RouteGroupBuilder MapPolicy(this RouteGroupBuilder contract)
    {
        contract.MapGet("/policy", Read).WithName("GetContractPolicy").ProducesValidationProblem();
        contract.MapPut("/policy/{fromPeriod}", ChangeAsync).WithName("ChangeContractPolicy").WithValidation<ChangePolicyRequest>()
            .AllowRoles(Role.Admin)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return contract;
    }

    /// <summary>The rules in force for <c>period</c> (default: the month containing today), those the contract started with, and every change.</summary>
    public static Results<Ok<PolicyResponse>, ValidationProblem> Read(ContractAccess access, string? period, TimeProvider clock)
    {
        var asked = Period.Containing(ContractMonitor.Contracts.Measures.Frequency.Monthly, UkCalendar.Today(clock));
        if (period is not null && !Period.TryParse(period.Trim(), out asked))
        {
            return InvalidRequest.Of("period", $"'{Core.Text.TextRules.Shorten(period)}' is not a period. Use {Period.AcceptedForms}.");
        }

        return TypedResults.Ok(access.Contract.Policies.ToResponse(asked));
    }

    /// <summary>
    /// Puts the rules in force from <c>fromPeriod</c>, for it and every later period until the next
    /// change. What the body leaves out keeps the value in force for that period. Every measure is
    /// evaluated again: escalations follow the rules in force for each period, and what that changes
    /// is appended with the cause "contract policy changed from …"; nothing already recorded is rewritten.
    /// </summary>
    public static async Task<Results<Ok<PolicyResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        ContractAccess access, string fromPeriod, ChangePolicyRequest request, PolicyChangeStore store, CancellationToken cancellationToken)
    {
        var contract = access.Contract;
        if (!Period.TryParse(fromPeriod.Trim(), out var from))
        {
            return InvalidRequest.Of("fromPeriod", $"'{Core.Text.TextRules.Shorten(fromPeriod)}' is not a period. Use {Period.AcceptedForms}.");
        }

        if (!from.Overlaps(contract.StartDate, contract.EndDate) || from.End > LastDay)
        {
            return WriteResults.Unprocessable(new Dictionary<string, string[]>
            {
                ["fromPeriod"] = [from.End > LastDay
                    ? $"'fromPeriod' must end by {LastDay:yyyy-MM-dd}, as a contract's term must."
                    : ContractTerm.Outside(from.ToString(), contract.StartDate, contract.EndDate)],
            });
        }

        var result = await store.ChangeAsync(contract, access.Caller, from, request, cancellationToken);
        return result.Status is WriteStatus.Updated or WriteStatus.Unchanged
            ? TypedResults.Ok(result.Value!.ToResponse(from))
            : WriteResults.Refused(result);
    }
}

internal static class PolicyMapping
{
    public static PolicyResponse ToResponse(this PolicyTimeline timeline, Period period) => new(
        period.ToString(),
        ToResponse(PolicyChange.InForce(timeline.Changes, period.Start)?.FromPeriod, timeline.At(period)),
        ToResponse(null, timeline.Initial),
        timeline.Changes.Select(ToResponse).ToList());

    public static PolicyChangeResponse ToResponse(this PolicyChange change) => new(
        change.Id, change.FromPeriod, change.FromDate, ToResponse(change.FromPeriod, change.Version), change.Reason, change.RecordedBy,
        change.RecordedAt);

    private static PolicyVersionResponse ToResponse(string? fromPeriod, PolicyVersion version) => new(
        fromPeriod, version.ReturnDueDays, version.SmallCohort, version.RaiseAfter, version.ResolveAfter, version.DeclineRunLength,
        version.Ladder.Select(l => new LadderLevel(l.Level, l.Name, l.Email)).ToList());
}
