using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Api;

public sealed class OperationsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthEndpointsAnswerAnonymously(string path)
    {
        var response = await api.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Live says only that; ready names each check, so an operator sees which part is not well.
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Healthy", path.EndsWith("live", StringComparison.Ordinal)
            ? body : System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SwaggerUiIsServedInDevelopment()
    {
        var response = await api.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocumentOffersBearerAuthAndEveryOperationDocumentsItsProblems()
    {
        var document = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var operations = document.GetProperty("paths").EnumerateObject()
            .Where(p => p.Name.StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (Path: p.Name, Method: o.Name, Operation: o.Value)))
            .ToList();
        var mapped = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (e.RoutePattern.RawText, m)))
            .Distinct() // endpoints told apart by Content-Type alone are one operation
            .Count();
        Assert.Equal(mapped, operations.Count);
        foreach (var (path, method, operation) in operations)
        {
            var codes = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToHashSet();
            Assert.True(codes.Any(c => c.StartsWith('2')), $"{method} {path} documents no success");
            Assert.True(codes.Contains("401") && codes.Contains("403"), $"{method} {path} documents no 401/403: {string.Join(",", codes)}");
            if (method is "post" or "put" && operation.TryGetProperty("requestBody", out _))
            {
                Assert.True(codes.Contains("400"), $"{method} {path} documents no 400");
            }
        }
    }

    [Fact]
    public async Task EnumsAreDocumentedByTheNamesTheApiSpeaks()
    {
        var schemas = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement
            .GetProperty("components").GetProperty("schemas");

        var enums = schemas.EnumerateObject().Where(s => s.Value.TryGetProperty("enum", out _)).ToList();
        Assert.NotEmpty(enums);
        Assert.All(enums, e => Assert.Equal("string", e.Value.GetProperty("type").GetString()));
        Assert.Equal(["HigherIsBetter", "LowerIsBetter"], schemas.GetProperty("Measures.Polarity").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task TheReturnsOperationTakesJsonOrCsvAndDocumentsItsIdempotencyKey()
    {
        var document = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        var post = document.GetProperty("paths").GetProperty("/api/contracts/{contractId}/returns").GetProperty("post");

        var content = post.GetProperty("requestBody").GetProperty("content");
        Assert.Equal(["application/json", "text/csv"], content.EnumerateObject().Select(c => c.Name).Order());
        Assert.Equal("string", content.GetProperty("text/csv").GetProperty("schema").GetProperty("type").GetString());
        var header = Assert.Single(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("in").GetString() == "header");
        Assert.Equal("Idempotency-Key", header.GetProperty("name").GetString());
    }
}
