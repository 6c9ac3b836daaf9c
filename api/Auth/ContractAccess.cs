using System.Globalization;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Auth;

/// <summary>
/// The contract named by the route's <c>{contractId}</c>, looked up as the caller sees it.
/// <see cref="VisibilityFilter"/> answers 404 when it is not visible and 403 when the caller's
/// role may not use the endpoint, so a handler only ever sees a visible, permitted contract.
/// </summary>
internal sealed class ContractAccess : IVisible
{
    private readonly Contract? contract;

    private ContractAccess(Caller caller, Contract? contract)
    {
        Caller = caller;
        this.contract = contract;
    }

    public Caller Caller { get; }

    public bool IsVisible => contract is not null;

    public Contract Contract => contract
        ?? throw new InvalidOperationException("ContractAccess was used on an endpoint without VisibilityFilter.");

    public long Id => Contract.Id;

    public ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Contract not found",
            detail: "There is no contract with this id that your organisation can see.");

    public static async ValueTask<ContractAccess?> BindAsync(HttpContext context)
    {
        var caller = context.User.RequireCaller();
        if (!VisibilityFilter.TryReadId(context, "contractId", NumberStyles.None, out var id))
        {
            return new ContractAccess(caller, null);
        }

        var store = context.RequestServices.GetRequiredService<ContractStore>();
        return new ContractAccess(caller, await store.FindVisibleAsync(id, caller, context.RequestAborted));
    }
}
