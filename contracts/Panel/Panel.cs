namespace ContractMonitor.Contracts.Panel;

public enum PanelRole
{
    Chair,
    ViceChair,
    Member,
}

public sealed record PanelRequest(IReadOnlyList<PanelMemberRequest>? Members);

public sealed record PanelMemberRequest(string Name, string Email, PanelRole? Role);

public sealed record PanelResponse(IReadOnlyList<PanelMember> Members);

public sealed record PanelMember(string Name, string Email, PanelRole Role);
