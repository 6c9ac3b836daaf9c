namespace ContractMonitor.Core.Access;

/// <summary>The four roles of DESIGN §4, carried in the token's <c>role</c> claim.</summary>
public enum Role
{
    Admin,
    Commissioner,
    Provider,
    Panel,
}
