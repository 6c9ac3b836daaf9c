using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Contracts.Panel;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.Notifications;

/// <summary>
/// A contract from April 2026 with a panel (chair, vice-chair, member) and measures with target 60 and
/// tolerance 55, its escalation emails sent to the loopback SMTP server.
/// </summary>
internal static class EmailScenario
{
    public const string Chair = "chair@council.example";
    public const string ViceChair = "vice.chair@council.example";
    public const string Member = "member@council.example";
    public const string Director = "director@council.example";

    public static readonly DateTimeOffset June20 = new(2026, 6, 20, 9, 0, 0, TimeSpan.Zero);

    public static Task<Scenario> CreateAsync(EmailApiFactory api, params string[] codes) => CreateAsync(api, null, codes);

    /// <param name="monitoredFrom">Left out, the contract is monitored from its start: every escalation is news.</param>
    public static Task<Scenario> CreateAsync(EmailApiFactory api, DateOnly? monitoredFrom, params string[] codes) =>
        CreateAsync(api, new DateOnly(2026, 4, 1), monitoredFrom, codes);

    public static Task<Scenario> CreateAsync(EmailApiFactory api, DateOnly start, DateOnly? monitoredFrom, params string[] codes) =>
        CreateAsync(api, start, monitoredFrom, requireAcceptance: null, codes);

    /// <param name="requireAcceptance">Hold the escalation emails about a period until the council accepts it.</param>
    public static async Task<Scenario> CreateAsync(
        EmailApiFactory api, DateOnly start, DateOnly? monitoredFrom, bool? requireAcceptance, params string[] codes)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.Clock.Now = June20;
        var scenario = await Scenario.CreateAsync(api, start, monitoredFrom: monitoredFrom, requireAcceptance: requireAcceptance,
            policy: new EscalationPolicyRequest(null, null, null,
        [
            new LadderLevelRequest(1, "Contract manager challenge meeting"),
            new LadderLevelRequest(2, "Director", Director),
            new LadderLevelRequest(3, "Scrutiny panel"),
        ]));
        (await scenario.Admin.PutAsJsonAsync($"/api/contracts/{scenario.ContractId}/panel", new PanelRequest(
        [
            new("Cllr Alex Chair", Chair, PanelRole.Chair),
            new("Cllr Sam Vice", ViceChair, PanelRole.ViceChair),
            new("Cllr Jo Member", Member, PanelRole.Member),
        ]), JsonDefaults.Web)).EnsureSuccessStatusCode();
        foreach (var code in codes)
        {
            await scenario.AddMeasureAsync(code);
            await scenario.SetTargetAsync(code, "2026-27", 60m, 55m);
        }

        return scenario;
    }

    /// <summary>The messages about this scenario's contract: their subjects start with its reference.</summary>
    public static Func<ReceivedMessage, bool> Messages(this Scenario scenario) =>
        m => m.Subject.StartsWith(scenario.Contract.Reference, StringComparison.Ordinal);

    /// <summary>Two failing months for each measure: with the default policy, a SustainedFailure raised at level 1.</summary>
    public static async Task FailTwiceAsync(this Scenario scenario, params string[] codes) =>
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null,
            [.. codes.SelectMany(c => new[] { Row(c, "2026-04", 50m, commentary: $"{c}: staff shortages."), Row(c, "2026-05", 50m) })]))
        .EnsureSuccessStatusCode();

    public static async Task<IReadOnlyList<NotificationResponse>> NotificationsAsync(this Scenario scenario, string query = "") =>
        (await scenario.Commissioner.GetAsync<NotificationListResponse>($"/api/contracts/{scenario.ContractId}/notifications{query}"))!.Notifications;

    /// <summary>Waits until no email of the contract is waiting to be claimed or being sent right now.</summary>
    public static Task<IReadOnlyList<NotificationResponse>> SettledAsync(this Scenario scenario, Func<NotificationResponse, bool> settled) =>
        scenario.SettledAsync(all => all.All(settled));

    /// <summary>Waits until the contract has emails and they are, taken together, as <paramref name="settled"/> says.</summary>
    public static Task<IReadOnlyList<NotificationResponse>> SettledAsync(
        this Scenario scenario, Func<IReadOnlyList<NotificationResponse>, bool> settled) =>
        Eventually.ReadAsync(() => scenario.NotificationsAsync(), all => all.Count > 0 && settled(all), "the contract's emails to settle");

    /// <summary>The dispatch the recurring job would run, called directly.</summary>
    public static Task<DispatchOutcome> DispatchAsync(this EmailApiFactory api) =>
        api.Services.GetRequiredService<NotificationDispatcher>().DispatchDueAsync(CancellationToken.None);
}
