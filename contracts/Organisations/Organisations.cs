namespace ContractMonitor.Contracts.Organisations;

public enum OrganisationKind
{
    Council,
    Provider,
}

public sealed record CreateOrganisationRequest(string Code, string Name, OrganisationKind? Kind);

public sealed record OrganisationResponse(string Code, string Name, OrganisationKind Kind);
