using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Contracts;

namespace ContractMonitor.Api.Features.Contracts;

/// <summary>Core's contract in the shape the API promises (DESIGN §5.1).</summary>
internal static class ContractMapping
{
    public static ContractResponse ToResponse(this Contract contract)
    {
        var policy = contract.EscalationPolicy;
        return new ContractResponse(contract.Id, contract.Reference, contract.Title, contract.CommissionerCode, contract.ProviderCode,
            contract.StartDate, contract.EndDate, contract.ReturnDueDays, contract.SmallCohort,
            new EscalationPolicy(policy.RaiseAfter, policy.ResolveAfter, policy.DeclineRunLength,
                policy.Ladder.Select(l => new LadderLevel(l.Level, l.Name, l.Email)).ToList(), policy.SpecialCause),
            contract.MonitoredFrom, contract.RequireAcceptance, contract.PolicyChanges.Select(c => c.ToResponse()).ToList());
    }
}
