using System.Net;
using System.Text;
using ContractMonitor.Tests.Infrastructure;
using ContractMonitor.Tests.Security;

namespace ContractMonitor.Tests.Api;

/// <summary>DESIGN §6: malformed bodies, wrong types and unknown names are 400s naming the field, never 500s.</summary>
public sealed class BadRequestTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string GoodMeasure = """
        {"code":"B13","title":"T","unit":"Percent","polarity":"HigherIsBetter","frequency":"Monthly","decimals":1}
        """;

    [Theory]
    [InlineData("""{"code":"B13","title":"T",""", "body", "not valid JSON")]
    [InlineData("""{"code":"B13","title":"T","unit":"Bogus","polarity":"HigherIsBetter","frequency":"Monthly"}""", "unit", "must be one of: Percent, Count, Days, Rate, Number")]
    [InlineData("""{"code":"B13","title":"T","unit":1,"polarity":"HigherIsBetter","frequency":"Monthly"}""", "unit", "must be one of")]
    [InlineData("""{"code":"B13","title":"T","unit":"Percent","polarity":"HigherIsBetter","frequency":"Monthly","decimals":"two"}""", "decimals", "must be a whole number")]
    [InlineData("""{"code":"B13","title":"T","unit":"Percent","polarity":"HigherIsBetter","frequency":"Monthly","decimals":1.5}""", "decimals", "must be a whole number")]
    [InlineData("""{"code":12,"title":"T","unit":"Percent","polarity":"HigherIsBetter","frequency":"Monthly"}""", "code", "must be a string")]
    [InlineData("""{"code":"B13","title":"T","unit":"Percent","polarity":"HigherIsBetter","frequency":"Monthly","decimal":1}""", "decimal", "is not a field")]
    [InlineData("""[1,2,3]""", "body", "must be an object")]
    public async Task UnreadableBodyNamesTheField(string body, string field, string message)
    {
        var scenario = await Scenario.CreateAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Admin.PostAsync($"/api/contracts/{scenario.ContractId}/measures",
            new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.ErrorsFor(field)[0], StringComparison.Ordinal);
        Assert.DoesNotContain("ContractMonitor.", problem.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    /// <summary>Issue 21: every bad enum field is named at once, not just the first the deserialiser met.</summary>
    [Fact]
    public Task EveryBadEnumFieldIsNamedAtOnce() => EveryBadEnum.AreNamedAsync(api, chunked: false);

    [Fact]
    public async Task WrongContentTypeIs415Problem()
    {
        var scenario = await Scenario.CreateAsync(api);
        var response = await scenario.Admin.PostAsync($"/api/contracts/{scenario.ContractId}/measures",
            new StringContent(GoodMeasure, Encoding.UTF8, "text/plain"));
        await response.ReadProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    public async Task MissingBodyIs400Problem(string body)
    {
        var scenario = await Scenario.CreateAsync(api);
        var response = await scenario.Admin.PostAsync($"/api/contracts/{scenario.ContractId}/measures",
            new StringContent(body, Encoding.UTF8, "application/json"));
        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task UnknownRouteIs404Problem()
    {
        var scenario = await Scenario.CreateAsync(api);
        var response = await scenario.Admin.GetAsync("/api/nothing-here");
        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("99999999999999999999999")]
    public async Task ContractIdThatIsNotANumberIsNotFound(string id)
    {
        var scenario = await Scenario.CreateAsync(api);
        var response = await scenario.Admin.GetAsync($"/api/contracts/{id}/measures");
        await response.ReadProblemAsync(HttpStatusCode.NotFound);
    }
}

/// <summary>
/// The same over real Kestrel with a chunked body, which has no Content-Length (the in-memory test
/// server gives every body one, so it cannot show this).
/// </summary>
public sealed class ChunkedBadRequestTests(KestrelApiFactory api) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public Task EveryBadEnumFieldIsNamedAtOnceInAChunkedBody() => EveryBadEnum.AreNamedAsync(api, chunked: true);
}

internal static class EveryBadEnum
{
    public static async Task AreNamedAsync(ApiFactory api, bool chunked)
    {
        var scenario = await Scenario.CreateAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);
        const string body = """{"code":"B13","title":"T","unit":"Bogus","polarity":"Upwards","frequency":"Weekly","decimals":1}""";
        using HttpContent content = chunked ? new ChunkedJson(body) : new StringContent(body, Encoding.UTF8, "application/json");

        // The factory's client buffers a body to replay it on a redirect, so a chunked one goes by a plain client.
        using var plain = new HttpClient { BaseAddress = scenario.Admin.BaseAddress };
        plain.DefaultRequestHeaders.Authorization = scenario.Admin.DefaultRequestHeaders.Authorization;
        var response = await (chunked ? plain : scenario.Admin).PostAsync($"/api/contracts/{scenario.ContractId}/measures", content);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Percent, Count, Days, Rate, Number", problem.ErrorsFor("unit")[0], StringComparison.Ordinal);
        Assert.Contains("HigherIsBetter, LowerIsBetter", problem.ErrorsFor("polarity")[0], StringComparison.Ordinal);
        Assert.Contains("Monthly, Quarterly, Annual", problem.ErrorsFor("frequency")[0], StringComparison.Ordinal);
        Assert.Equal(3, problem.GetProperty("errors").EnumerateObject().Count());
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

    /// <summary>A JSON body whose length is not known in advance, as a client streaming it sends it.</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly byte[] json;

        public ChunkedJson(string json)
        {
            this.json = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(json).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
