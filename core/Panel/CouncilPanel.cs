using ContractMonitor.Contracts.Panel;

namespace ContractMonitor.Core.Panel;

/// <summary>A contract's scrutiny panel: the councillors who read its papers, and who of them is emailed.</summary>
internal sealed record CouncilPanel(IReadOnlyList<PanelSeat> Members);

internal sealed record PanelSeat(string Name, string Email, PanelRole Role);
