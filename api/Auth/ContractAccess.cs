using System.Globalization;
using ContractMonitor.Contracts.Contracts;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;

namespace ContractMonitor.Api.Auth;

/// <summary>
/// The contract named by the route's <c>{contractId}</c>, looked up as the caller sees it.
/// <see cref="ContractAccessFilter"/> answers 404 when it is not visible and 403 when the caller's
/// role may not use the endpoint, so a handler only ever sees a visible, permitted contract.
/// </summary>
public sealed class ContractAccess
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
        ?? throw new InvalidOperationException("ContractAccess was used on an endpoint without ContractAccessFilter.");

    public long Id => Contract.Id;

    /// <summary>For handlers called directly, as in unit tests.</summary>

    public static async ValueTask<ContractAccess?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caller = context.User.RequireCaller();
        if (!long.TryParse(context.Request.RouteValues["contractId"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return new ContractAccess(caller, null);
        }

        var store = context.RequestServices.GetRequiredService<ContractStore>();
        return new ContractAccess(caller, await store.FindVisibleAsync(id, caller, context.RequestAborted));
    }
}
