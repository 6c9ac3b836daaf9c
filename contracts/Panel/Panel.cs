namespace ContractMonitor.Contracts.Panel;

/// <summary>A member's seat on a contract's scrutiny panel.</summary>
public enum PanelRole
{
    /// <summary>The panel's chair: emailed about escalations, exceptions and the monthly digest. At most one.</summary>
    Chair,

    /// <summary>The panel's vice-chair: emailed as the chair is. At most one.</summary>
    ViceChair,

    /// <summary>An ordinary member: not emailed.</summary>
    Member,
}

/// <summary>The whole scrutiny panel of a contract, as <c>PUT …/panel</c> takes it: it replaces the panel there was.</summary>
/// <param name="Members">
/// Every member of the panel, at most 50, with at most one Chair and one ViceChair and no address twice. Required; an empty
/// list clears the panel.
/// </param>
public sealed record PanelRequest(IReadOnlyList<PanelMemberRequest>? Members);

/// <summary>One member of the scrutiny panel, as a panel request lists them.</summary>
/// <param name="Name" example="Councillor Jane Hughes">The member's name, as emails address them. Required; at most 200 characters.</param>
/// <param name="Email" example="chair@doncaster.gov.uk">
/// The member's email address, different from every other member's. Required; at most 254 characters.
/// </param>
/// <param name="Role">Chair, ViceChair or Member. Required.</param>
public sealed record PanelMemberRequest(string Name, string Email, PanelRole? Role);

/// <summary>A contract's scrutiny panel, as the council's side reads it.</summary>
/// <param name="Members">Every member, in the order they were listed; empty when the contract has no panel.</param>
public sealed record PanelResponse(IReadOnlyList<PanelMember> Members);

/// <summary>One member of a contract's scrutiny panel.</summary>
/// <param name="Name">The member's name.</param>
/// <param name="Email">The member's email address.</param>
/// <param name="Role">Chair, ViceChair or Member.</param>
public sealed record PanelMember(string Name, string Email, PanelRole Role);
