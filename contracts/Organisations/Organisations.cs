namespace ContractMonitor.Contracts.Organisations;

/// <summary>Which side of contracts an organisation is on.</summary>
public enum OrganisationKind
{
    /// <summary>A council that commissions services (the commissioner).</summary>
    Council,

    /// <summary>A trust or other body that provides services under a contract (the provider).</summary>
    Provider,
}

/// <summary>
/// A new organisation, as <c>POST /api/organisations</c> takes it: an Admin registers its own council and the providers it
/// contracts with.
/// </summary>
/// <param name="Code" example="doncaster-childrens-trust">
/// The organisation's code, as tokens carry it in their <c>org</c> claim: letters, digits and hyphens, starting and ending
/// with a letter or digit, at most 64 characters. Stored in lower case; a code already taken is 409. Required.
/// </param>
/// <param name="Name" example="Doncaster Children's Services Trust">The organisation's name. Required; at most 200 characters.</param>
/// <param name="Kind">Council or Provider. Required; a Council may only be the caller's own.</param>
public sealed record CreateOrganisationRequest(string Code, string Name, OrganisationKind? Kind);

/// <summary>An organisation, a council or a provider.</summary>
/// <param name="Code">The organisation's code, such as <c>doncaster-council</c>.</param>
/// <param name="Name">The organisation's name.</param>
/// <param name="Kind">Council or Provider.</param>
public sealed record OrganisationResponse(string Code, string Name, OrganisationKind Kind);
