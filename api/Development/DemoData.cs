using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Organisations;
using ContractMonitor.Contracts.Panel;
using ContractMonitor.Contracts.Targets;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Challenges;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Organisations;
using ContractMonitor.Core.Panel;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using ContractMonitor.Core.Targets;

namespace ContractMonitor.Api.Development;

/// <summary>
/// Something to look at on a fresh Development database: Doncaster council, its children's trust,
/// one contract with a handful of measures, each year's targets from 2024-25, a panel, the returns
/// of every period since April 2024 that has ended, and a challenge with the trust's response. Written through the
/// stores, so it is audited like anything else. Runs only when <c>DemoData:Enabled</c> is true and
/// no organisation exists yet.
/// </summary>
internal static class DemoData
{
    public const string CouncilCode = "doncaster-council";
    public const string TrustCode = "doncaster-childrens-trust";

    /// <summary>Where the demo's history starts: the README's paper and chart examples rely on it.</summary>
    public static readonly DateOnly MonitoredFrom = new(2024, 4, 1);

    public static async Task SeedDemoDataAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("DemoData:Enabled"))
        {
            return;
        }

        var services = app.Services;
        var admin = Caller.System("demo-data") with { Org = CouncilCode };
        var organisations = services.GetRequiredService<OrganisationStore>();
        var council = await organisations.CreateAsync(admin, new CreateOrganisationRequest(CouncilCode, "Doncaster Council", OrganisationKind.Council), default);
        if (council.Status != WriteStatus.Created)
        {
            return;
        }

        await organisations.CreateAsync(admin, new CreateOrganisationRequest(TrustCode, "Doncaster Children's Services Trust", OrganisationKind.Provider), default);
        // The contract began in 2016 but is monitored here from April 2024, and its measures are owed
        // from then: a newcomer sees a chart with limits (12 points and more) and the README's paper
        // for 2024-25 Q1, not ten years of Missing months.
        var today = UkCalendar.Today(services.GetRequiredService<TimeProvider>());
        var year = FinancialYear.Containing(MonitoredFrom);
        var years = Enumerable.Range(year.StartYear, Math.Max(1, FinancialYear.Containing(today).StartYear - year.StartYear + 1))
            .Select(y => new FinancialYear(y)).ToList();
        var contract = (await services.GetRequiredService<ContractStore>().CreateAsync(admin, new CreateContractRequest(
            "DCST-2016-01", "Children's social care services", TrustCode, new DateOnly(2016, 10, 1), null, null, null, null,
            year.Start), default)).Value!;

        await services.GetRequiredService<PanelStore>().ReplaceAsync(contract.Id, admin, new PanelRequest(
        [
            new("Cllr Alex Chair", "chair@doncaster.example", PanelRole.Chair),
            new("Cllr Sam Vice", "vice.chair@doncaster.example", PanelRole.ViceChair),
            new("Cllr Jo Member", "member@doncaster.example", PanelRole.Member),
        ]), default);

        var measureStore = services.GetRequiredService<MeasureStore>();
        var targetStore = services.GetRequiredService<TargetStore>();
        var returns = new List<CheckedReturn>();
        foreach (var (request, target, tolerance) in Measures)
        {
            await measureStore.CreateAsync(contract.Id, admin,
                request with { StartPeriod = Period.Containing(request.Frequency!.Value, year.Start).ToString() }, default);
            var measure = (await measureStore.FindAsync(contract.Id, request.Code, default))!;
            foreach (var each in years)
            {
                await targetStore.SetAsync(measure, each, admin, new SetTargetRequest(target, tolerance, "Demo data"), default);
            }

            returns.AddRange(Period.Between(measure.Frequency, year.Start, today)
                .Where(p => p.End < today)
                .Select((period, i) => new CheckedReturn(measure, period, Figure(target, tolerance, request.Decimals ?? 0, i), null, null,
                    i % 3 == 0 ? "Demo claim: the trust's account of this figure." : null)));
        }

        if (returns.Count == 0)
        {
            return;
        }

        var trust = new Caller("demo-data", TrustCode, Role.Provider);
        await services.GetRequiredService<ReturnStore>().SubmitAsync(contract, trust, returns, null, default);

        // One exchange of the two voices, so the split screen has both sides to show.
        var latest = returns.Where(r => r.Measure.Code == "B13").MaxBy(r => r.Period.Start);
        if (latest is not null)
        {
            var challenges = services.GetRequiredService<ChallengeStore>();
            var officer = new Caller("demo-data", CouncilCode, Role.Commissioner);
            var challenge = await challenges.CreateAsync(contract, officer, new MeasurePeriod(latest.Measure, latest.Period),
                "Demo challenge: what is behind this month's figure, and what is the plan?", today.AddDays(14), default);
            await challenges.RespondAsync(challenge.Id, trust, "Demo response: the trust's answer to the council's challenge.", default);
        }
    }

    /// <summary>A figure that wanders either side of the target, so every rating shows up.</summary>
    private static decimal Figure(decimal target, decimal tolerance, int decimals, int index) =>
        Math.Clamp(Math.Round(target + ((tolerance - target) * 1.4m * (decimal)Math.Sin(index * 1.3)), decimals), 0m, 100m);

    private static readonly (CreateMeasureRequest Request, decimal Target, decimal Tolerance)[] Measures =
    [
        (new("A3", "Re-referrals within 12 months", "Referrals to children's social care within 12 months of a previous referral.", "Front door", MeasureUnit.Percent, Polarity.LowerIsBetter, Frequency.Monthly, 1), 22m, 25m),
        (new("B13", "Assessments completed within 45 working days", "Single assessments authorised within 45 working days of referral.", "Assessment", MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Monthly, 1), 85m, 80m),
        (new("C14", "Child protection plans lasting 2 years or more", "Plans ending in the period that had lasted two years or more.", "Child protection", MeasureUnit.Percent, Polarity.LowerIsBetter, Frequency.Quarterly, 1), 4m, 6m),
        (new("D4", "Children in care with 3+ placements", "Children looked after with three or more placements in the year.", "Children in care", MeasureUnit.Percent, Polarity.LowerIsBetter, Frequency.Quarterly, 1), 9m, 11m),
        (new("E2", "Care leavers in suitable accommodation", "Care leavers aged 19-21 in suitable accommodation.", "Care leavers", MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Annual, 0), 90m, 85m),
    ];
}
