using ContractMonitor.Contracts.Targets;
using ContractMonitor.Core.Targets;

namespace ContractMonitor.Api.Features.Targets;

internal static class TargetMapping
{
    public static TargetResponse ToResponse(this TargetSetting t) =>
        new(t.Year, t.Target, t.Tolerance, t.Reason, t.Version, t.Current, t.SetBy, t.SetAt);
}
