using System.Net;
using System.Text;
using ContractMonitor.Tests.Infrastructure;

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
    public async Task EveryBadEnumFieldIsNamedAtOnce()
    {
        var scenario = await Scenario.CreateAsync(api);
        var before = await DatabaseCounts.ReadAsync(api.ConnectionString);

        var response = await scenario.Admin.PostAsync($"/api/contracts/{scenario.ContractId}/measures", new StringContent(
            """{"code":"B13","title":"T","unit":"Bogus","polarity":"Upwards","frequency":"Weekly","decimals":1}""", Encoding.UTF8, "application/json"));

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Percent, Count, Days, Rate, Number", problem.ErrorsFor("unit")[0], StringComparison.Ordinal);
        Assert.Contains("HigherIsBetter, LowerIsBetter", problem.ErrorsFor("polarity")[0], StringComparison.Ordinal);
        Assert.Contains("Monthly, Quarterly, Annual", problem.ErrorsFor("frequency")[0], StringComparison.Ordinal);
        Assert.Equal(3, problem.GetProperty("errors").EnumerateObject().Count());
        Assert.Equal(before, await DatabaseCounts.ReadAsync(api.ConnectionString));
    }

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
