using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Audit;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.Notifications;
using ContractMonitor.Tests.Infrastructure;
using static ContractMonitor.Tests.Features.Evaluations.EvaluationsApi;
using static ContractMonitor.Tests.Features.Notifications.EmailScenario;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.ContractLife;

/// <summary>
/// Issue 20: the contract's rules and ladder change from a period. Periods before the change keep
/// the rules they were judged by; escalations follow the rules in force for each period, and what a
/// change moves is appended, never rewritten. Contracts run from April 2026, target 60, tolerance 55.
/// </summary>
public sealed class PolicyChangeTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    private const string NewDirector = "dcs@council.example";

    private static Task<HttpResponseMessage> ChangeAsync(Scenario scenario, string fromPeriod, ChangePolicyRequest request) =>
        scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/policy/{fromPeriod}", request, JsonDefaults.Web);

    private static IReadOnlyList<LadderLevelRequest> LadderWithNewDirector =>
    [
        new(1, "Contract manager challenge meeting"),
        new(2, "Director of Children's Services", NewDirector),
        new(3, "Scrutiny panel"),
    ];

    [Fact]
    public async Task ALadderAddressChangeBetweenTwoEscalationsTellsEachTheAddressOfItsPeriod()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-04", 50m), Row("A1", "2026-05", 50m), Row("A1", "2026-06", 50m), Row("A1", "2026-07", 61m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var first = Assert.Single(await EscalationsAsync(scenario));
        Assert.Equal((2, "Director"), (first.Level, first.LevelName));

        var response = await ChangeAsync(scenario, "2026-09", new ChangePolicyRequest("Director of Children's Services appointed.",
            Ladder: LadderWithNewDirector));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policy = (await response.Content.ReadFromJsonAsync<PolicyResponse>(JsonDefaults.Web))!;
        Assert.Equal(("2026-09", NewDirector), (policy.InForce.FromPeriod, policy.InForce.Ladder[1].Email));
        Assert.Equal(Director, policy.Initial.Ladder[1].Email);
        api.Clock.Now = new DateTimeOffset(2026, 12, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-08", 61m), Row("A1", "2026-09", 50m), Row("A1", "2026-10", 50m), Row("A1", "2026-11", 50m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var escalations = await EscalationsAsync(scenario);
        var resolved = escalations.Single(e => e.Id == first.Id);
        var second = escalations.Single(e => e.Id != first.Id);
        Assert.Equal("Raised 2026-05 L1, Escalated 2026-06 L2, Recovering 2026-07 L2, Resolved 2026-08 L2", Story(resolved));
        Assert.Equal("Raised 2026-10 L1, Escalated 2026-11 L2", Story(second));
        Assert.Equal("Director", resolved.LevelName);
        Assert.Equal("Director of Children's Services", second.LevelName);
        var outbox = await scenario.SettledAsync(n => n.Status == NotificationStatus.Sent);
        Assert.Equal([Chair, ViceChair, Director, Chair, ViceChair, Director],
            outbox.Where(n => n.EscalationId == first.Id).Select(n => n.Recipient));
        Assert.Equal([Chair, ViceChair, NewDirector], outbox.Where(n => n.EscalationId == second.Id).Select(n => n.Recipient));
        var mail = api.Smtp.Messages.Where(scenario.Messages()).Single(m => m.Recipients.Contains(NewDirector));
        Assert.Contains("Director of Children's Services", mail.Message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALongerResolveAfterFromAPeriodAppendsToTheEscalationItJudgesAgainAndSaysWhy()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        api.Clock.Now = new DateTimeOffset(2026, 9, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-04", 50m), Row("A1", "2026-05", 50m), Row("A1", "2026-06", 61m), Row("A1", "2026-07", 61m),
            Row("A1", "2026-08", 61m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();
        var before = Assert.Single(await EscalationsAsync(scenario));
        Assert.Equal("Raised 2026-05 L1, Recovering 2026-06 L1, Resolved 2026-07 L1", Story(before));

        (await ChangeAsync(scenario, "2026-07", new ChangePolicyRequest("Three good months to close, from the annual review.",
            ResolveAfter: 4))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var after = Assert.Single(await EscalationsAsync(scenario));
        Assert.Equal(EscalationStatus.Recovering, after.Status);
        Assert.StartsWith(Story(before), Story(after), StringComparison.Ordinal);
        var appended = after.Events.Skip(before.Events.Count).ToList();
        Assert.NotEmpty(appended);
        Assert.All(appended, e => Assert.Equal("contract policy changed from 2026-07", e.Cause));
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        var entry = Assert.Single(audit!, a => a.Action == "contract.policy.changed");
        Assert.Contains("Three good months to close", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHigherRaiseAfterFromAPeriodJudgesThatPeriodOnAndLeavesEarlierOnesAlone()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        (await ChangeAsync(scenario, "2026-09", new ChangePolicyRequest("Annual review.", RaiseAfter: 3))).EnsureSuccessStatusCode();
        api.Clock.Now = new DateTimeOffset(2027, 1, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-04", 50m), Row("A1", "2026-05", 50m), Row("A1", "2026-06", 61m), Row("A1", "2026-07", 61m),
            Row("A1", "2026-08", 61m), Row("A1", "2026-09", 50m), Row("A1", "2026-10", 50m), Row("A1", "2026-11", 50m),
            Row("A1", "2026-12", 61m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var escalations = (await EscalationsAsync(scenario)).Where(e => e.Reason == EscalationReason.SustainedFailure).OrderBy(e => e.Id).ToList();
        Assert.Equal(["Raised 2026-05 L1, Recovering 2026-06 L1, Resolved 2026-07 L1", "Raised 2026-11 L1, Recovering 2026-12 L1"],
            escalations.Select(Story));
    }

    [Fact]
    public async Task AnotherReturnDueDaysFromAPeriodMovesItsDueDateAndNotTheOnesBefore()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        (await ChangeAsync(scenario, "2026-07", new ChangePolicyRequest("Returns due a month after.", ReturnDueDays: 30))).EnsureSuccessStatusCode();
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-04", 61m), Row("A1", "2026-05", 61m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var history = await scenario.Panel.GetAsync<HistoryResponse>($"/api/contracts/{scenario.ContractId}/measures/A1/history");
        Assert.Equal(["2026-04 OnTarget", "2026-05 OnTarget", "2026-06 Missing", "2026-07 Pending", "2026-08 Pending"],
            history!.Periods.Select(p => $"{p.Period} {p.Rating}"));
        var late = await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 61m), Row("A1", "2026-07", 61m));
        var stored = (await late.Content.ReadFromJsonAsync<ReturnListResponse>(JsonDefaults.Web))!.Returns;
        Assert.Equal(["2026-06 late due 2026-07-15", "2026-07 on time due 2026-08-30"],
            stored.Select(r => $"{r.Period} {(r.Late ? "late" : "on time")} due {r.DueDate:yyyy-MM-dd}"));
    }

    [Fact]
    public async Task ALongerReturnDueDaysForPastPeriodsJudgesTheirFiguresOnTimeAgain()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        api.Clock.Now = new DateTimeOffset(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-05", 61m), Row("A1", "2026-06", 61m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        (await ChangeAsync(scenario, "2026-06", new ChangePolicyRequest("Returns due two months after.", ReturnDueDays: 60))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var returns = (await scenario.Panel.GetAsync<ReturnListResponse>($"/api/contracts/{scenario.ContractId}/returns"))!.Returns;
        Assert.Equal(["2026-05 late due 2026-06-15", "2026-06 on time due 2026-08-29"],
            returns.OrderBy(r => r.Period, StringComparer.Ordinal).Select(r => $"{r.Period} {(r.Late ? "late" : "on time")} due {r.DueDate:yyyy-MM-dd}"));
        var status = await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status?asOf=2026-06-30");
        Assert.DoesNotContain(RatingCaveat.Late, status!.Measures.Single().Flags);
    }

    [Fact]
    public async Task AHigherSmallCohortFromAPeriodFlagsItsFiguresAndNotTheOnesBefore()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        (await ChangeAsync(scenario, "2026-06", new ChangePolicyRequest("Small cohorts are under 20 now.", SmallCohort: 20))).EnsureSuccessStatusCode();
        api.Clock.Now = new DateTimeOffset(2026, 7, 20, 9, 0, 0, TimeSpan.Zero);

        var response = await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            Row("A1", "2026-05", 60m, 9m, 15m), Row("A1", "2026-06", 60m, 9m, 15m));

        var stored = (await response.Content.ReadFromJsonAsync<ReturnListResponse>(JsonDefaults.Web))!.Returns;
        Assert.Equal(["2026-05 False", "2026-06 True"], stored.Select(r => $"{r.Period} {r.SmallCohort}"));
    }

    [Fact]
    public async Task AChangeRecordedBeforeALaterOneIsCarriedIntoItWhereTheLaterOneDidNotChangeTheSame()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        (await ChangeAsync(scenario, "2027-04", new ChangePolicyRequest("Next year.", RaiseAfter: 3, SmallCohort: 25))).EnsureSuccessStatusCode();

        (await ChangeAsync(scenario, "2026-10", new ChangePolicyRequest("From October.", ReturnDueDays: 20, SmallCohort: 12))).EnsureSuccessStatusCode();

        var policy = await scenario.Panel.GetAsync<PolicyResponse>($"/api/contracts/{scenario.ContractId}/policy?period=2027-05");
        Assert.Equal((20, 3, 25), (policy!.InForce.ReturnDueDays, policy.InForce.RaiseAfter, policy.InForce.SmallCohort));
        var october = await scenario.Panel.GetAsync<PolicyResponse>($"/api/contracts/{scenario.ContractId}/policy?period=2026-10");
        Assert.Equal((20, 2, 12), (october!.InForce.ReturnDueDays, october.InForce.RaiseAfter, october.InForce.SmallCohort));
        Assert.Equal(["2027-04 Next year.", "2026-10 From October.", "2027-04 From October. (carried from 2026-10 into the change from 2027-04)"],
            policy.Changes.OrderBy(c => c.Id).Select(c => $"{c.FromPeriod} {c.Reason}"));
    }

    [Fact]
    public async Task TheSameChangeTwiceIsRecordedOnceAndReadsBackOnTheContract()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        var request = new ChangePolicyRequest("Annual review.", SmallCohort: 20, DeclineRunLength: 4);

        (await ChangeAsync(scenario, "2027-28", request)).EnsureSuccessStatusCode();
        (await ChangeAsync(scenario, "2027-28", request)).EnsureSuccessStatusCode();

        var contract = await scenario.Panel.GetAsync<ContractResponse>($"/api/contracts/{scenario.ContractId}");
        var change = Assert.Single(contract!.PolicyChanges!);
        Assert.Equal(("2027-28", new DateOnly(2027, 4, 1), 20, 4, 2), (change.FromPeriod, change.FromDate, change.Version.SmallCohort,
            change.Version.DeclineRunLength, change.Version.RaiseAfter));
        Assert.Equal(10, contract.SmallCohort);
        var earlier = await scenario.Provider.GetAsync<PolicyResponse>($"/api/contracts/{scenario.ContractId}/policy?period=2027-03");
        var later = await scenario.Provider.GetAsync<PolicyResponse>($"/api/contracts/{scenario.ContractId}/policy?period=2027-28-Q2");
        Assert.Equal((null, 10), (earlier!.InForce.FromPeriod, earlier.InForce.SmallCohort));
        Assert.Equal(("2027-28", 20), (later!.InForce.FromPeriod, later.InForce.SmallCohort));
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        Assert.Single(audit!, a => a.Action == "contract.policy.changed");
    }

    [Theory]
    [InlineData("2026-13", """{"reason":"x"}""", HttpStatusCode.BadRequest, "fromPeriod")]
    [InlineData("2015-04", """{"reason":"x"}""", HttpStatusCode.UnprocessableEntity, "outside the contract's term")]
    [InlineData("9998-99", """{"reason":"x"}""", HttpStatusCode.UnprocessableEntity, "must end by 9997-12-31")]
    [InlineData("2026-09", """{"raiseAfter":3}""", HttpStatusCode.BadRequest, "reason")]
    [InlineData("2026-09", """{"reason":"x","raiseAfter":0,"declineRunLength":1}""", HttpStatusCode.BadRequest, "declineRunLength")]
    [InlineData("2026-09", """{"reason":"x","ladder":[{"level":1,"name":"Only one"}]}""", HttpStatusCode.UnprocessableEntity,
        "must list the contract's 3 levels")]
    [InlineData("2026-09", """{"reason":"x","ladder":[{"level":1,"name":"A"},{"level":2,"name":"B","email":"not-an-address"},{"level":3,"name":"C"}]}""",
        HttpStatusCode.BadRequest, "ladder[1].email")]
    public async Task ABadChangeIsRefusedAndWritesNothing(string fromPeriod, string body, HttpStatusCode status, string names)
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");

        var response = await scenario.Admin.PutAsync($"/api/contracts/{scenario.ContractId}/policy/{fromPeriod}",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ReadProblemAsync(status);
        Assert.Contains(names, problem.GetRawText(), StringComparison.Ordinal);
        var contract = await scenario.Panel.GetAsync<ContractResponse>($"/api/contracts/{scenario.ContractId}");
        Assert.Empty(contract!.PolicyChanges!);
        var audit = await scenario.Admin.GetAsync<List<AuditEntryResponse>>($"/api/contracts/{scenario.ContractId}/audit");
        Assert.DoesNotContain(audit!, a => a.Action == "contract.policy.changed");
    }
}
