using ContractMonitor.Contracts.Organisations;

namespace ContractMonitor.Core.Organisations;

/// <summary>A council or a trust, known by its code.</summary>
internal sealed record Organisation(string Code, string Name, OrganisationKind Kind);
