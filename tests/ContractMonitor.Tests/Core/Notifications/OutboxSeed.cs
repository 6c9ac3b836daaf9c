using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Panel;
using ContractMonitor.Contracts.Targets;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Panel;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using ContractMonitor.Core.Targets;

using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Core.Notifications;

/// <summary>
/// A contract from April 2026 whose chair is emailed about escalations, made through the stores and
/// evaluated by the real evaluator, so the outbox holds real rows: each measure fails in April and
/// May (raised in May), with a claim and an open challenge on May.
/// </summary>
internal static class OutboxSeed
{
    public static async Task<Contract> RaiseAsync(Database db, TimeProvider clock, int measureCount = 1, string title = "Assessments")
    {
        var (_, admin, contract) = await StoreScenario.ContractAsync(db, clock, new DateOnly(2026, 4, 1));
        var council = new Caller("carol", contract.CommissionerCode, Role.Commissioner);
        await new PanelStore(db, clock).ReplaceAsync(contract.Id, admin, new PanelRequest(
            [new("Cllr Alex Chair", "chair@council.example", PanelRole.Chair), new("Cllr Jo Member", "member@council.example", PanelRole.Member)]), default);
        var measures = new MeasureStore(db, clock);
        var trust = new Caller("pat", contract.ProviderCode, Role.Provider);
        var may = Period.Parse("2026-05", Frequency.Monthly);
        for (var i = 1; i <= measureCount; i++)
        {
            var code = $"A{i}";
            await measures.CreateAsync(contract.Id, admin,
                new CreateMeasureRequest(code, title, null, null, MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Monthly, 1, "2026-04"), default);
            var measure = (await measures.FindAsync(contract.Id, code, default))!;
            await new TargetStore(db, clock).SetAsync(measure, FinancialYear.Containing(may.Start), admin, new SetTargetRequest(60m, 55m, "Schedule"), default);
            await new ReturnStore(db, clock).SubmitAsync(contract, trust,
            [
                new CheckedReturn(measure, Period.Parse("2026-04", Frequency.Monthly), 50m, null, null, null),
                new CheckedReturn(measure, may, 52.5m, null, null, "Agency staff start in <b>June</b>."),
            ], null, default);
            await new ChallengeStore(db, clock).CreateAsync(contract, council, new MeasurePeriod(measure, may), "What is the recovery plan?",
                new DateOnly(2026, 6, 30), default);
        }

        var outcome = await new ContractEvaluator(db, clock).EvaluateContractAsync(contract.Id, default);
        Assert.Equal(measureCount, outcome.NotificationsWritten); // the chair only: members are not emailed
        return contract;
    }
}
