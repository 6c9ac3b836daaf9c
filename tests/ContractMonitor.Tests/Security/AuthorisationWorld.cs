using System.Net;
using System.Net.Http.Json;
using System.Text;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Features.Evaluations;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Security;

/// <summary>
/// One contract with something behind every route: a measure with targets and failing returns, an
/// evaluation that opened escalations, a claim and a challenge. Requests for each endpoint are built
/// here; those that change state make what they change first, so every allowed call can succeed.
/// </summary>
public sealed class AuthorisationWorld
{
    private int serial;

    private int months;

    private AuthorisationWorld(Scenario scenario, Scenario other, long evaluationRequestId, long escalationId, long challengeId, long paperId)
    {
        PaperId = paperId;
        Scenario = scenario;
        Other = other;
        EvaluationRequestId = evaluationRequestId;
        EscalationId = escalationId;
        ChallengeId = challengeId;
    }

    public Scenario Scenario { get; }

    /// <summary>A council and trust with a contract of their own, who must see nothing of <see cref="Scenario"/>.</summary>
    public Scenario Other { get; }

    public long EvaluationRequestId { get; }

    public long EscalationId { get; }

    public long ChallengeId { get; }

    public long PaperId { get; }

    private string Contract => $"/api/contracts/{Scenario.ContractId}";

    public static async Task<AuthorisationWorld> CreateAsync(ApiFactory api)
    {
        var other = await Scenario.CreateAsync(api);
        var scenario = await Scenario.CreateAsync(api, start: new DateOnly(2016, 4, 1));
        await scenario.AddMeasureAsync("A1");
        await scenario.SetTargetAsync("A1", "2016-17", 60, 55);
        await scenario.AddMeasureAsync("R1");
        var submitted = await scenario.Provider.PostAsync($"/api/contracts/{scenario.ContractId}/returns", Json(
            """{"returns":[{"measureCode":"A1","period":"2016-04","value":50},{"measureCode":"A1","period":"2016-05","value":51}]}"""));
        Assert.True(submitted.IsSuccessStatusCode, await submitted.Content.ReadAsStringAsync());
        var evaluation = await scenario.RequestEvaluationAsync();
        var escalations = await scenario.Commissioner.GetFromJsonAsync<EscalationListResponse>(
            $"/api/contracts/{scenario.ContractId}/escalations?status=Open", JsonDefaults.Web);
        var challenge = await CreateChallengeAsync(scenario);
        return new AuthorisationWorld(scenario, other, evaluation.Id, escalations!.Escalations[0].Id, challenge, await PublishPaperAsync(scenario));
    }

    /// <summary>The request each endpoint is called with, by endpoint name; null for one the table does not know.</summary>
    public async Task<HttpRequestMessage?> RequestForAsync(string endpoint)
    {
        var n = Interlocked.Increment(ref serial);
        return endpoint switch
        {
            "ANY /health/live" => Get("/health/live"),
            "ANY /health/ready" => Get("/health/ready"),
            "ANY /hangfire/{**path}" => Get("/hangfire"),
            "ListOrganisations" => Get("/api/organisations"),
            "CreateOrganisation" => Post("/api/organisations", $$"""{"code":"{{Scenario.UniqueCode("trust")}}","name":"Trust {{n}}","kind":"Provider"}"""),
            "ListContracts" => Get("/api/contracts"),
            "CreateContract" => Post("/api/contracts",
                $$"""{"reference":"{{Scenario.UniqueCode("REF")}}","title":"Care","providerCode":"{{Scenario.Trust}}","startDate":"2016-04-01"}"""),
            "GetContract" => Get(Contract),
            "ChangeContractTerm" => Send(HttpMethod.Put, $"{Contract}/term", """{"endDate":"2040-03-31","reason":"Extended at review."}"""),
            "GetContractPolicy" => Get($"{Contract}/policy"),
            "ChangeContractPolicy" => Send(HttpMethod.Put, $"{Contract}/policy/2030-04", """{"raiseAfter":3,"reason":"Annual review."}"""),
            "ReplacePanel" => Send(HttpMethod.Put, $"{Contract}/panel",
                """{"members":[{"name":"Cllr Chair","email":"chair@example.org","role":"Chair"}]}"""),
            "GetPanel" => Get($"{Contract}/panel"),
            "CreateMeasure" => Post($"{Contract}/measures",
                $$"""{"code":"Z{{n}}","title":"Measure","unit":"Count","polarity":"LowerIsBetter","frequency":"Monthly","decimals":0}"""),
            "ListMeasures" => Get($"{Contract}/measures"),
            "GetMeasure" => Get($"{Contract}/measures/A1"),
            "EditMeasure" => Send(HttpMethod.Patch, $"{Contract}/measures/A1", $$"""{"title":"Measure {{n}}","reason":"Clarified."}"""),
            "RetireMeasure" => Send(HttpMethod.Put, $"{Contract}/measures/R1/retirement", """{"fromPeriod":"2030-04","reason":"Dropped."}"""),
            "ReinstateMeasure" => Send(HttpMethod.Delete, $"{Contract}/measures/{await RetiredMeasureAsync()}/retirement", """{"reason":"Kept after all."}"""),
            "SetTarget" => Send(HttpMethod.Put, $"{Contract}/measures/A1/targets/2017-18", """{"target":60,"tolerance":55,"reason":"Review"}"""),
            "ListTargets" => Get($"{Contract}/measures/A1/targets"),
            "SubmitReturns" => Post($"{Contract}/returns", """{"returns":[{"measureCode":"A1","period":"2016-06","value":61}]}"""),
            "SubmitReturnsCsv" => new HttpRequestMessage(HttpMethod.Post, $"{Contract}/returns")
            {
                Content = new StringContent("measureCode,period,value\nA1,2016-07,62\n", Encoding.UTF8, "text/csv"),
            },
            "ListReturns" => Get($"{Contract}/returns"),
            "GetReturn" => Get($"{Contract}/measures/A1/returns/2016-04"),
            "ListAudit" => Get($"{Contract}/audit"),
            "RequestEvaluation" => Post($"{Contract}/evaluations", ""),
            "GetEvaluationRequest" => Get($"{Contract}/evaluations/{EvaluationRequestId}"),
            "GetStatus" => Get($"{Contract}/status"),
            "GetSummary" => Get($"{Contract}/summary"),
            "GetMeasureHistory" => Get($"{Contract}/measures/A1/history"),
            "GetMeasureSpc" => Get($"{Contract}/measures/A1/spc"),
            "PutMeasureSpcRecalculations" => Send(HttpMethod.Put, $"{Contract}/measures/A1/spc/recalculations",
                """{"recalculations":[{"period":"2016-05","reason":"New recording system."}]}"""),
            "ListEscalations" => Get($"{Contract}/escalations"),
            "GetEscalation" => Get($"/api/escalations/{EscalationId}"),
            "AcknowledgeEscalation" => Post($"/api/escalations/{EscalationId}/acknowledge", """{"note":"On the agenda."}"""),
            "CreateClaim" => Post($"{Contract}/claims", """{"measureCode":"A1","period":"2016-04","text":"Two assessors on leave."}"""),
            "ListClaims" => Get($"{Contract}/claims"),
            "CreateChallenge" => Post($"{Contract}/challenges", """{"measureCode":"A1","period":"2016-05","text":"What is the plan?"}"""),
            "ListChallenges" => Get($"{Contract}/challenges"),
            "GetChallenge" => Get($"/api/challenges/{ChallengeId}"),
            "RespondToChallenge" => Post($"/api/challenges/{ChallengeId}/responses", """{"text":"Agency staff start in June."}"""),
            "CloseChallenge" => Post($"/api/challenges/{await CreateChallengeAsync(Scenario)}/close", """{"outcome":"Agreed"}"""),
            "ListNotifications" => Get($"{Contract}/notifications"),
            "RequeueNotification" => Post($"{Contract}/notifications/{await FailedEmailAsync(Scenario)}/requeue", "{}"),
            "GetSplitScreen" => Get($"{Contract}/split-screen"),
            "PreviewPaper" => Get($"{Contract}/papers/preview?period=2016-17-Q1"),
            "PreviewPaperDocument" => Get($"{Contract}/papers/preview/document?period=2016-17-Q1"),
            "PublishPaper" => Post($"{Contract}/papers", PaperBody),
            "ListPapers" => Get($"{Contract}/papers"),
            "GetPaper" => Get($"/api/papers/{PaperId}"),
            "GetPaperDocument" => Get($"/api/papers/{PaperId}/document"),
            "GetPaperChanges" => Get($"/api/papers/{PaperId}/changes"),
            "WithdrawPaper" => Post($"/api/papers/{await PublishPaperAsync(Scenario)}/withdraw", """{"reason":"Figures revised."}"""),
            "GetPeriod" => Get($"{Contract}/periods/2016-04"),
            "CreateException" => Post($"{Contract}/measures/A1/exceptions", ExceptionBody),
            "ListExceptions" => Get($"{Contract}/exceptions"),
            "GetException" => Get($"/api/exceptions/{await AgreeExceptionAsync()}"),
            "ExtendException" => Post($"/api/exceptions/{await AgreeExceptionAsync()}/extend", """{"until":"2031-03-31","reason":"Recovery is slower."}"""),
            "EndException" => Post($"/api/exceptions/{await AgreeExceptionAsync()}/end", """{"reason":"Staff are back."}"""),
            // Each step is called on a period of its own, brought to the state the step starts from.
            "SignOffPeriod" => Post($"{Contract}/periods/{await PeriodAsync(0)}/sign-off", ""),
            "AcceptPeriod" => Post($"{Contract}/periods/{await PeriodAsync(1)}/accept", """{"note":"Agreed at the meeting."}"""),
            "QueryPeriod" => Post($"{Contract}/periods/{await PeriodAsync(1)}/query", """{"note":"Why did A1 fall?"}"""),
            "ReopenPeriod" => Post($"{Contract}/periods/{await PeriodAsync(2)}/reopen", """{"reason":"A figure was wrong."}"""),
            _ => null,
        };
    }

    /// <summary>A measure of its own for this call, retired, so reinstating it succeeds.</summary>
    private async Task<string> RetiredMeasureAsync()
    {
        var code = $"X{Interlocked.Increment(ref months)}";
        // Owed only from 2039, so the months the sign-off calls use owe it nothing, reinstated or not.
        await Scenario.AddMeasureAsync(code, startPeriod: "2039-04");
        var retired = await Scenario.Admin.PutAsync($"{Contract}/measures/{code}/retirement", Json("""{"fromPeriod":"2039-05","reason":"Dropped."}"""));
        Assert.True(retired.IsSuccessStatusCode, await retired.Content.ReadAsStringAsync());
        return code;
    }

    private const string ExceptionBody = """{"reason":"Two teams merging.","fromPeriod":"2016-06","until":"2030-12-31"}""";

    /// <summary>An exception agreed on A1 for this call alone, so a step on it starts from Holding.</summary>
    private async Task<long> AgreeExceptionAsync()
    {
        var response = await Scenario.Commissioner.PostAsync($"{Contract}/measures/A1/exceptions", Json(ExceptionBody));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>A month of its own, with figures, then signed off (1) and accepted (2) as asked.</summary>
    private async Task<string> PeriodAsync(int steps)
    {
        var period = new DateOnly(2017, 1, 1).AddMonths(Interlocked.Increment(ref months)).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        var figures = await Scenario.Provider.PostAsync($"{Contract}/returns", Json($$"""
            {"returns":[{"measureCode":"A1","period":"{{period}}","value":60},{"measureCode":"R1","period":"{{period}}","value":60}]}
            """));
        Assert.True(figures.IsSuccessStatusCode, await figures.Content.ReadAsStringAsync());
        if (steps >= 1)
        {
            Assert.True((await Scenario.Provider.PostAsync($"{Contract}/periods/{period}/sign-off", Json(""))).IsSuccessStatusCode);
        }

        if (steps >= 2)
        {
            Assert.True((await Scenario.Commissioner.PostAsync($"{Contract}/periods/{period}/accept", Json("{}"))).IsSuccessStatusCode);
        }

        return period;
    }

    /// <summary>
    /// A caller in the role from the contract's own side (its trust for a Provider, its council
    /// otherwise) or from the other contract's; anonymous when the role is null.
    /// </summary>
    public HttpClient ClientFor(ApiFactory api, Role? role, bool ownOrganisation)
    {
        ArgumentNullException.ThrowIfNull(api);
        if (role is not { } r)
        {
            return api.CreateClient();
        }

        var side = ownOrganisation ? Scenario : Other;
        var org = r == Role.Provider ? side.Trust : side.Council;
        return api.ClientFor(r, org, $"{r}.{org}");
    }

    private static async Task<long> CreateChallengeAsync(Scenario scenario)
    {
        var response = await scenario.Commissioner.PostAsync($"/api/contracts/{scenario.ContractId}/challenges",
            Json("""{"measureCode":"A1","period":"2016-04","text":"Why did assessments fall?"}"""));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
    }

    /// <summary>An email that failed for good, already rendered, as the dispatcher leaves one the mail server refused.</summary>
    internal static async Task<long> FailedEmailAsync(Scenario scenario)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(scenario.Api.ConnectionString);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, """
            INSERT INTO Notifications (ContractId, Kind, DigestMonth, Recipient, RecipientName, RecipientRole, MessageKey, Subject, TextBody, HtmlBody,
                                       Status, Attempts, NextAttemptAt, LastError, CreatedAt)
            VALUES (@ContractId, 'Digest', '2016-05', @Recipient, 'Cllr Chair', 'Chair', @Key, 'Monthly digest', 'Figures.', '<p>Figures.</p>',
                    'Failed', 8, @At, '550 mailbox unavailable', @At)
            RETURNING Id
            """, new { scenario.ContractId, Recipient = $"{Guid.NewGuid():N}@council.example", Key = Guid.NewGuid().ToString("N"), At = new DateTimeOffset(2016, 6, 1, 9, 0, 0, TimeSpan.Zero) });
    }

    private const string PaperBody = """{"period":"2016-17-Q1","meetingDate":"2016-09-14","title":"Q1 report"}""";

    private static async Task<long> PublishPaperAsync(Scenario scenario)
    {
        var response = await scenario.Commissioner.PostAsync($"/api/contracts/{scenario.ContractId}/papers", Json(PaperBody));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Post(string url, string body) => Send(HttpMethod.Post, url, body);

    private static HttpRequestMessage Send(HttpMethod method, string url, string body) => new(method, url) { Content = Json(body) };
}
