using ContractMonitor.Contracts.Panel;
using ContractMonitor.Core.Panel;

namespace ContractMonitor.Api.Features.Panel;

internal static class PanelMapping
{
    public static PanelResponse ToResponse(this CouncilPanel panel) =>
        new(panel.Members.Select(m => new PanelMember(m.Name, m.Email, m.Role)).ToList());
}
