namespace ContractMonitor.Core.Access;

/// <summary>
/// DESIGN §4's one rule of who sees what: a contract is visible to the council that commissions it
/// (council roles) and the trust that provides it (Provider). Everything reached through a contract
/// (a challenge, an escalation) is visible exactly when its contract is. Stores put this in their
/// WHERE, with the caller's <see cref="Caller.CommissionerOrg"/> and <see cref="Caller.ProviderOrg"/>
/// as parameters, so another organisation's row is simply not found.
/// </summary>
internal static class Visibility
{
    public const string VisibleContractIdsSql = """
        SELECT vc.Id
        FROM Contracts vc
        JOIN Organisations vco ON vco.Id = vc.CommissionerOrgId
        JOIN Organisations vpo ON vpo.Id = vc.ProviderOrgId
        WHERE vco.Code = @CommissionerOrg OR vpo.Code = @ProviderOrg
        """;
}
