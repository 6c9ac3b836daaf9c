using System.Net;
using System.Net.Http.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Exceptions;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Jobs;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Features.Notifications;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static ContractMonitor.Tests.Features.Notifications.EmailScenario;
using static ContractMonitor.Tests.Features.Returns.ReturnsApi;

namespace ContractMonitor.Tests.Features.ContractLife;

/// <summary>
/// Issue 20, agreed exceptions: while one holds, the measure's escalations neither open nor climb;
/// when it expires or is ended, they resume over the periods since it began, as the rules say.
/// </summary>
public sealed class AgreedExceptionTests(EmailApiFactory api) : IClassFixture<EmailApiFactory>
{
    private static readonly DateTimeOffset August20 = new(2026, 8, 20, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A1 failing in April and May, raised at level 1 and told; then an exception agreed from June to 30 September.</summary>
    private async Task<(Scenario Scenario, ExceptionResponse Exception)> HeldAsync()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        await scenario.FailTwiceAsync("A1");
        await scenario.EvaluateAsync();
        await api.Smtp.WaitForAsync(2, scenario.Messages());

        var response = await scenario.Commissioner.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/A1/exceptions",
            new CreateExceptionRequest("Two teams are merging; the trust expects A1 to fail until the autumn.", "2026-06", new DateOnly(2026, 9, 30)),
            JsonDefaults.Web);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var exception = (await response.Content.ReadFromJsonAsync<ExceptionResponse>(JsonDefaults.Web))!;
        Assert.Equal($"/api/exceptions/{exception.Id}", response.Headers.Location!.OriginalString);
        await api.DispatchAsync();
        var told = await api.Smtp.WaitForAsync(4, scenario.Messages());
        Assert.Equal([Chair, ViceChair], told.Where(m => m.Subject.Contains("agreed exception agreed", StringComparison.Ordinal))
            .SelectMany(m => m.Recipients).Order());

        api.Clock.Now = August20;
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-06", 50m), Row("A1", "2026-07", 50m))).EnsureSuccessStatusCode();
        var held = await scenario.EvaluateAsync();
        Assert.Equal(0, held.EventsWritten);
        return (scenario, exception);
    }

    [Fact]
    public async Task WhileItHoldsTheEscalationIsHeldAndTheRatingsAreUnchanged()
    {
        var (scenario, exception) = await HeldAsync();

        var status = await scenario.Panel.GetAsync<StatusResponse>($"/api/contracts/{scenario.ContractId}/status?asOf=2026-07-31");
        var a1 = Assert.Single(status!.Measures);
        Assert.Equal((Rating.Failing, 1, new DateOnly(2026, 9, 30)), (a1.Rating, a1.Escalation!.Level, a1.Escalation.HeldUntil));
        Assert.Equal((exception.Id, "2026-06"), (a1.Exception!.Id, a1.Exception.HoldsFrom));
        var officer = await PageSession.SignInAsync(api, ContractMonitor.Core.Access.Role.Commissioner, scenario.Council);
        var dashboard = await (await officer.GetAsync($"/contracts/{scenario.ContractId}?asOf=2026-07-31")).Content.ReadAsStringAsync();
        Assert.Contains("held by agreed exception until 30 September 2026", dashboard, StringComparison.Ordinal);
        var page = await (await officer.GetAsync($"/contracts/{scenario.ContractId}/measures/A1")).Content.ReadAsStringAsync();
        Assert.Contains("Agreed exception from 2026-06 until 30 September 2026: Two teams are merging", page, StringComparison.Ordinal);
        var split = await scenario.Panel.GetAsync<ContractMonitor.Contracts.SplitScreen.SplitScreenResponse>(
            $"/api/contracts/{scenario.ContractId}/split-screen?asOf=2026-07-31");
        var row = Assert.Single(split!.Rows);
        Assert.Equal((exception.Id, new DateOnly(2026, 9, 30)), (row.Exception!.Id, row.Escalation!.HeldUntil!.Value));
        var paper = await scenario.Commissioner.GetAsync<ContractMonitor.Contracts.Papers.PaperContent>(
            $"/api/contracts/{scenario.ContractId}/papers/preview?period=2026-27-Q1");
        Assert.Equal("Agreed exception from 2026-06 until 30 September 2026, its escalations held meanwhile: "
            + "Two teams are merging; the trust expects A1 to fail until the autumn.", Assert.Single(paper!.Exceptions).AgreedException);
    }

    /// <summary>It expires while the escalation is held: the climbs it held back are appended, as of their periods, and told once.</summary>
    [Fact]
    public async Task WhenItExpiresTheEscalationClimbsAsIfEvaluatedThenAndIsToldOnce()
    {
        var (scenario, exception) = await HeldAsync();
        var before = api.Smtp.Messages.Count(scenario.Messages());

        api.Clock.Now = new DateTimeOffset(2026, 10, 1, 23, 30, 0, TimeSpan.Zero); // 00:30 on 2 October in London
        await api.Services.GetRequiredService<EvaluationJobs>().MarkPastDueAsync(CancellationToken.None);
        await api.DispatchAsync();

        var escalation = Assert.Single((await scenario.Panel.GetAsync<EscalationListResponse>(
            $"/api/contracts/{scenario.ContractId}/escalations?status=Open"))!.Escalations);
        Assert.Equal([("Raised", "2026-05", 1), ("Escalated", "2026-06", 2), ("Escalated", "2026-07", 3)],
            escalation.Events.Select(e => (e.Type.ToString(), e.Period, e.Level)));
        Assert.All(escalation.Events.Skip(1), e => Assert.Equal("agreed exception from 2026-06 ended", e.Cause));
        var read = await scenario.Panel.GetAsync<ExceptionResponse>($"/api/exceptions/{exception.Id}");
        Assert.Equal(ExceptionStatus.Expired, read!.Status);
        Assert.Equal([ExceptionEventType.Agreed, ExceptionEventType.Expired], read.Events.Select(e => e.Type));
        var messages = await api.Smtp.WaitForAsync(before + 5, scenario.Messages());
        var climbed = messages.Skip(before).Where(m => m.Subject.Contains("level 3", StringComparison.Ordinal)).ToList();
        Assert.Equal([Chair, Director, ViceChair], climbed.SelectMany(m => m.Recipients).Order());
        Assert.Equal([Chair, ViceChair], messages.Skip(before).Where(m => m.Subject.Contains("agreed exception expired", StringComparison.Ordinal))
            .SelectMany(m => m.Recipients).Order());
        Assert.Equal(before + 5, api.Smtp.Messages.Count(scenario.Messages()));

        await api.Services.GetRequiredService<EvaluationJobs>().MarkPastDueAsync(CancellationToken.None);
        Assert.Equal(3, (await scenario.Panel.GetAsync<EscalationResponse>($"/api/escalations/{escalation.Id}"))!.Events.Count);
    }

    [Fact]
    public async Task EndedEarlyItIsToldAndTheEscalationResumesAtTheNextEvaluation()
    {
        var (scenario, exception) = await HeldAsync();

        var ended = await scenario.Commissioner.PostAsJsonAsync($"/api/exceptions/{exception.Id}/end",
            new EndExceptionRequest("The merger is done."), JsonDefaults.Web);
        await scenario.EvaluateAsync();

        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(ExceptionStatus.Ended, (await ended.Content.ReadFromJsonAsync<ExceptionResponse>(JsonDefaults.Web))!.Status);
        var escalation = Assert.Single((await scenario.Panel.GetAsync<EscalationListResponse>(
            $"/api/contracts/{scenario.ContractId}/escalations?status=Open"))!.Escalations);
        Assert.Equal(3, escalation.Level);
        var notifications = await scenario.NotificationsAsync();
        Assert.Equal(2, notifications.Count(n => n.Kind == NotificationKind.Exception && n.Subject!.Contains("ended", StringComparison.Ordinal)));
        var again = await scenario.Commissioner.PostAsJsonAsync($"/api/exceptions/{exception.Id}/end", new EndExceptionRequest("Twice."), JsonDefaults.Web);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    /// <summary>A replacement agreed while the first holds carries its hold on: ending the first climbs nothing it held back.</summary>
    [Fact]
    public async Task AReplacementCarriesTheHoldOfTheExceptionItReplaces()
    {
        var (scenario, first) = await HeldAsync();

        var replacement = await scenario.Commissioner.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/A1/exceptions",
            new CreateExceptionRequest("The merger became a restructure.", "2026-06", new DateOnly(2026, 12, 31)), JsonDefaults.Web);
        (await scenario.Commissioner.PostAsJsonAsync($"/api/exceptions/{first.Id}/end", new EndExceptionRequest("Replaced."), JsonDefaults.Web))
            .EnsureSuccessStatusCode();
        var after = await scenario.EvaluateAsync();

        Assert.Equal("2026-06", (await replacement.Content.ReadFromJsonAsync<ExceptionResponse>(JsonDefaults.Web))!.HoldsFrom);
        Assert.Equal(0, after.EventsWritten);
        var escalation = Assert.Single((await scenario.Panel.GetAsync<EscalationListResponse>(
            $"/api/contracts/{scenario.ContractId}/escalations?status=Open"))!.Escalations);
        Assert.Equal(1, escalation.Level);
    }

    /// <summary>
    /// A month rated Missing when the exception was agreed had told the failure escalation nothing:
    /// a late failing figure for it is held like any later month, while Missing stays told.
    /// </summary>
    [Fact]
    public async Task ALateFigureForAMonthMissingWhenAgreedIsHeld()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-04", 50m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        var agreed = await scenario.Commissioner.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/A1/exceptions",
            new CreateExceptionRequest("Known.", "2026-05", new DateOnly(2026, 9, 30)), JsonDefaults.Web);
        Assert.Equal("2026-05", (await agreed.Content.ReadFromJsonAsync<ExceptionResponse>(JsonDefaults.Web))!.HoldsFrom);
        api.Clock.Now = new DateTimeOffset(2026, 7, 1, 9, 0, 0, TimeSpan.Zero);
        (await scenario.Provider.SubmitAsync(scenario.ContractId, null, Row("A1", "2026-05", 50m))).EnsureSuccessStatusCode();
        await scenario.EvaluateAsync();

        Assert.Empty((await scenario.Panel.GetAsync<EscalationListResponse>($"/api/contracts/{scenario.ContractId}/escalations"))!.Escalations);
    }

    [Fact]
    public async Task AnExtensionMovesItsLastDayAndIsTold()
    {
        var (scenario, exception) = await HeldAsync();

        var shorter = await scenario.Commissioner.PostAsJsonAsync($"/api/exceptions/{exception.Id}/extend",
            new ExtendExceptionRequest(new DateOnly(2026, 9, 1), "Sooner."), JsonDefaults.Web);
        var longer = await scenario.Commissioner.PostAsJsonAsync($"/api/exceptions/{exception.Id}/extend",
            new ExtendExceptionRequest(new DateOnly(2026, 12, 31), "The merger slipped."), JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, shorter.StatusCode);
        var extended = (await longer.Content.ReadFromJsonAsync<ExceptionResponse>(JsonDefaults.Web))!;
        Assert.Equal(new DateOnly(2026, 12, 31), extended.Until);
        Assert.Equal([ExceptionEventType.Agreed, ExceptionEventType.Extended], extended.Events.Select(e => e.Type));
        Assert.Equal(2, (await scenario.NotificationsAsync()).Count(n => n.Kind == NotificationKind.Exception
            && n.Subject!.Contains("extended, until 31 December 2026", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("""{"reason":"Open-ended.","fromPeriod":"2026-06"}""", HttpStatusCode.BadRequest, "until")]
    [InlineData("""{"reason":"Past.","fromPeriod":"2026-06","until":"2026-01-01"}""", HttpStatusCode.UnprocessableEntity, "until")]
    [InlineData("""{"reason":"Quarter.","fromPeriod":"2026-27-Q1","until":"2026-12-31"}""", HttpStatusCode.UnprocessableEntity, "fromPeriod")]
    [InlineData("""{"fromPeriod":"2026-06","until":"2026-12-31"}""", HttpStatusCode.BadRequest, "reason")]
    public async Task ABadExceptionIsRefusedAndNothingIsAgreed(string body, HttpStatusCode expected, string field)
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");

        var response = await scenario.Commissioner.PostAsync($"/api/contracts/{scenario.ContractId}/measures/A1/exceptions",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await scenario.Panel.GetAsync<ExceptionListResponse>($"/api/contracts/{scenario.ContractId}/exceptions"))!.Exceptions);
    }

    [Fact]
    public async Task TheTrustCannotAgreeAnException()
    {
        var scenario = await EmailScenario.CreateAsync(api, "A1");

        var response = await scenario.Provider.PostAsJsonAsync($"/api/contracts/{scenario.ContractId}/measures/A1/exceptions",
            new CreateExceptionRequest("Ours.", "2026-06", new DateOnly(2026, 12, 31)), JsonDefaults.Web);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
