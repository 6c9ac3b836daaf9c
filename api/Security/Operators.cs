using ContractMonitor.Core.Access;

namespace ContractMonitor.Api.Security;

/// <summary>
/// Who may see the service's own machinery (the OpenAPI document outside Development, the job
/// dashboard): an Admin, and where <c>Operations:Organisation</c> names the organisation running
/// the service, only that organisation's Admins. A deployment shared by several councils sets it,
/// so one council's Admin cannot see or trigger another's jobs.
/// </summary>
internal sealed class Operators(string? organisation)
{
    public const string OrganisationSetting = "Operations:Organisation";

    public bool Include(Caller caller)
    {
        // Callers' codes are read in lower case (Caller.TryFrom); the setting is read the same way.
        return caller.Role == Role.Admin
               && (string.IsNullOrWhiteSpace(organisation) || string.Equals(caller.Org, organisation.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}
