using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Organisations;

namespace ContractMonitor.Tests.Infrastructure;

/// <summary>A council, a trust and a contract between them, made through the stores.</summary>
internal static class StoreScenario
{
    public static async Task<(Database Db, Caller Admin, Contract Contract)> ContractAsync(
        Database db, TimeProvider clock, DateOnly? start = null, DateOnly? end = null, DateOnly? monitoredFrom = null)
    {
        var council = Infrastructure.Scenario.UniqueCode("council");
        var trust = Infrastructure.Scenario.UniqueCode("trust");
        var admin = new Caller("alice", council, Role.Admin);
        var organisations = new OrganisationStore(db, clock);
        await organisations.CreateAsync(admin, new CreateOrganisationRequest(council, "Council", OrganisationKind.Council), default);
        await organisations.CreateAsync(admin, new CreateOrganisationRequest(trust, "Trust", OrganisationKind.Provider), default);
        var created = await new ContractStore(db, clock).CreateAsync(admin, new CreateContractRequest(
            "REF-1", "Care", trust, start ?? new DateOnly(2016, 10, 1), start is null ? new DateOnly(2026, 3, 31) : end, null, null, null, monitoredFrom), default);
        Assert.Equal(WriteStatus.Created, created.Status);
        return (db, admin, created.Value!);
    }
}
