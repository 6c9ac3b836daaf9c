using System.Net;
using ContractMonitor.Core.Access;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ContractMonitor.Tests.Security;

/// <summary>
/// DESIGN §4 as a table: for every endpoint the app maps, who may call it. Every endpoint is called
/// by an anonymous caller and by each role from the contract's own organisations and from others.
/// A new endpoint that is not in the table fails the test until someone decides who may call it.
/// </summary>
public sealed class AuthorisationMatrixTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly Role[] Everyone = [Role.Admin, Role.Commissioner, Role.Provider, Role.Panel];
    private static readonly Role[] Council = [Role.Admin, Role.Commissioner, Role.Panel];
    private static readonly Role[] Officers = [Role.Admin, Role.Commissioner];
    private static readonly Role[] Admins = [Role.Admin];
    private static readonly Role[] Trust = [Role.Provider];

    /// <summary>Who may call each endpoint, and whether it belongs to one contract (another organisation then gets 404).</summary>
    public static readonly IReadOnlyDictionary<string, Access> Table = new Dictionary<string, Access>
    {
        ["ANY /health/live"] = Access.Anonymous,
        ["ANY /health/ready"] = Access.Anonymous,
        ["ANY /hangfire/{**path}"] = Access.Global(Admins),
        ["ListOrganisations"] = Access.Global(Admins),
        ["CreateOrganisation"] = Access.Global(Admins),
        ["ListContracts"] = Access.Global(Everyone),
        ["CreateContract"] = Access.Global(Admins),
        ["GetContract"] = Access.Contract(Everyone),
        ["ChangeContractTerm"] = Access.Contract(Admins),
        ["GetContractPolicy"] = Access.Contract(Everyone),
        ["ChangeContractPolicy"] = Access.Contract(Admins),
        ["ReplacePanel"] = Access.Contract(Admins),
        ["GetPanel"] = Access.Contract(Council),
        ["CreateMeasure"] = Access.Contract(Admins),
        ["ListMeasures"] = Access.Contract(Everyone),
        ["GetMeasure"] = Access.Contract(Everyone),
        ["EditMeasure"] = Access.Contract(Admins),
        ["RetireMeasure"] = Access.Contract(Admins),
        ["ReinstateMeasure"] = Access.Contract(Admins),
        ["SetTarget"] = Access.Contract(Admins),
        ["ListTargets"] = Access.Contract(Everyone),
        ["SubmitReturns"] = Access.Contract(Trust),
        ["SubmitReturnsCsv"] = Access.Contract(Trust),
        ["ListReturns"] = Access.Contract(Everyone),
        ["GetReturn"] = Access.Contract(Everyone),
        ["ListAudit"] = Access.Contract(Officers),
        ["RequestEvaluation"] = Access.Contract(Officers),
        ["GetEvaluationRequest"] = Access.Contract(Everyone),
        ["GetStatus"] = Access.Contract(Everyone),
        ["GetSummary"] = Access.Contract(Everyone),
        ["GetMeasureHistory"] = Access.Contract(Everyone),
        ["GetMeasureSpc"] = Access.Contract(Everyone),
        ["PutMeasureSpcRecalculations"] = Access.Contract(Officers),
        ["ListEscalations"] = Access.Contract(Everyone),
        ["GetEscalation"] = Access.Contract(Everyone),
        ["AcknowledgeEscalation"] = Access.Contract(Officers),
        ["CreateClaim"] = Access.Contract(Trust),
        ["ListClaims"] = Access.Contract(Everyone),
        ["CreateChallenge"] = Access.Contract(Officers),
        ["ListChallenges"] = Access.Contract(Everyone),
        ["GetChallenge"] = Access.Contract(Everyone),
        ["RespondToChallenge"] = Access.Contract(Trust),
        ["CloseChallenge"] = Access.Contract(Officers),
        ["ListNotifications"] = Access.Contract(Council),
        ["RequeueNotification"] = Access.Contract(Admins),
        ["GetSplitScreen"] = Access.Contract(Everyone),
        ["PreviewPaper"] = Access.Contract(Officers),
        ["PreviewPaperDocument"] = Access.Contract(Officers),
        ["PublishPaper"] = Access.Contract(Officers),
        ["ListPapers"] = Access.Contract(Everyone),
        ["GetPaper"] = Access.Contract(Everyone),
        ["GetPaperDocument"] = Access.Contract(Everyone),
        ["GetPaperChanges"] = Access.Contract(Everyone),
        ["WithdrawPaper"] = Access.Contract(Officers),
        ["GetPeriod"] = Access.Contract(Everyone),
        ["CreateException"] = Access.Contract(Officers),
        ["ListExceptions"] = Access.Contract(Everyone),
        ["GetException"] = Access.Contract(Everyone),
        ["ExtendException"] = Access.Contract(Officers),
        ["EndException"] = Access.Contract(Officers),
        ["SignOffPeriod"] = Access.Contract(Trust),
        ["AcceptPeriod"] = Access.Contract(Officers),
        ["QueryPeriod"] = Access.Contract(Officers),
        ["ReopenPeriod"] = Access.Contract(Officers),
    };

    [Fact]
    public void EveryMappedEndpointIsInTheTableAndEveryRowIsMapped()
    {
        var mapped = MappedEndpoints(api).ToHashSet();
        Assert.Empty(mapped.Except(Table.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(Table.Keys.Except(mapped).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryEndpointAnswersEachCallerAsTheTableSays()
    {
        var world = await AuthorisationWorld.CreateAsync(api);
        var callers = new List<(string Who, Role? Role, bool Own)> { ("anonymous", null, false) };
        foreach (var role in Everyone)
        {
            callers.Add(($"{role} of the contract", role, true));
            callers.Add(($"{role} of another organisation", role, false));
        }

        var wrong = new List<string>();
        var calls = 0;
        foreach (var endpoint in MappedEndpoints(api).Order(StringComparer.Ordinal))
        {
            var access = Table[endpoint];
            foreach (var (who, role, own) in callers)
            {
                using var request = await world.RequestForAsync(endpoint)
                    ?? throw new InvalidOperationException($"No request is written for {endpoint}.");
                var response = await world.ClientFor(api, role, own).SendAsync(request);
                calls++;
                var expected = access.Expected(role, own);
                var actual = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                var matches = expected == Outcome.Success ? actual is >= 200 and < 300 : actual == (int)expected;
                if (!matches)
                {
                    wrong.Add($"{endpoint} as {who}: expected {expected}, got {actual} {body[..Math.Min(body.Length, 200)]}");
                }
                else if (expected != Outcome.Success && request.RequestUri!.OriginalString.StartsWith("/api", StringComparison.Ordinal))
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {calls} calls answered wrongly:{Environment.NewLine}{string.Join(Environment.NewLine, wrong)}");
        Assert.Equal(Table.Count * callers.Count, calls);
    }

    /// <summary>
    /// Endpoint names as the table keys them: the endpoint's name, else its methods and route. Pages
    /// are signed in to with a cookie, not a token: PageAuthorisationMatrixTests holds their table.
    /// </summary>
    private static IEnumerable<string> MappedEndpoints(ApiFactory api) =>
        api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            // The fallback answers addresses no route knows with 404 for anyone; UnknownAddressTests holds it.
            .Where(e => (e as RouteEndpoint)?.Order != int.MaxValue)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
                ?? $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])} {(e as RouteEndpoint)?.RoutePattern.RawText ?? e.DisplayName}")
            .Distinct();

    public enum Outcome
    {
        Success = 200,
        Unauthorized = 401,
        Forbidden = 403,
        NotFound = 404,
    }

    public sealed record Access(IReadOnlySet<Role>? Roles, bool ContractScoped)
    {
        public static Access Anonymous { get; } = new(null, false);

        public static Access Global(Role[] roles) => new(roles.ToHashSet(), false);

        public static Access Contract(Role[] roles) => new(roles.ToHashSet(), true);

        public Outcome Expected(Role? role, bool ownOrganisation) => (Roles, role) switch
        {
            (null, _) => Outcome.Success,
            (_, null) => Outcome.Unauthorized,
            _ when ContractScoped && !ownOrganisation => Outcome.NotFound,
            ({ } roles, { } r) when roles.Contains(r) => Outcome.Success,
            _ => Outcome.Forbidden,
        };
    }
}
