using System.Text.Json;
using ContractMonitor.Tests.Infrastructure;

namespace ContractMonitor.Tests.Api;

/// <summary>
/// Issue 21: the API document is committed (api/openapi.json) so that clients and reviewers see it
/// change, and CI lints it with Redocly's recommended rules. This fails when the served document and
/// the committed one differ, and says how to refresh it.
/// </summary>
public sealed class OpenApiDocumentTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public const string RefreshVariable = "CONTRACTMONITOR_REFRESH_OPENAPI";

    private static string CommittedPath => Path.Combine(Repository.Root, "api", "openapi.json");

    [Fact]
    public async Task TheServedDocumentIsTheCommittedOne()
    {
        var served = Normalise(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        if (Environment.GetEnvironmentVariable(RefreshVariable) == "1")
        {
            await File.WriteAllTextAsync(CommittedPath, served);
        }

        var committed = File.Exists(CommittedPath) ? Normalise(await File.ReadAllTextAsync(CommittedPath)) : "";
        Assert.True(served == committed,
            $"The served OpenAPI document differs from {CommittedPath}. If the change is meant, refresh it with:{Environment.NewLine}"
            + $"  {RefreshVariable}=1 dotnet test tests/ContractMonitor.Tests --filter FullyQualifiedName~OpenApiDocumentTests{Environment.NewLine}"
            + "and commit api/openapi.json with the change.");
    }

    [Fact]
    public async Task EveryOperationDeclaresItsRouteParametersAndHasASummaryAndADescription()
    {
        var document = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var declared = operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()).ToHashSet()
                    : [];
                foreach (var named in System.Text.RegularExpressions.Regex.Matches(path.Name, @"\{(\w+)\}").Select(m => m.Groups[1].Value))
                {
                    Assert.True(declared.Contains(named), $"{operation.Name} {path.Name} does not declare {{{named}}}");
                }

                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {path.Name}");
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("description").GetString()), $"{operation.Name} {path.Name}");
            }
        }
    }

    /// <summary>
    /// Issue 21: every property says what it is, and every plain field of a request body (its own or a
    /// nested record's) has an example, so the document reads as a guide and Swagger UI fills in a
    /// request that works.
    /// </summary>
    [Fact]
    public async Task EveryPropertyIsDescribedAndEveryRequestFieldHasAnExample()
    {
        var document = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var undescribed = schemas.EnumerateObject()
            .SelectMany(s => Properties(s.Value).Where(p => !p.Value.TryGetProperty("description", out _)).Select(p => $"{s.Name}.{p.Name}"))
            .ToList();
        Assert.True(undescribed.Count == 0, "No description: " + string.Join(", ", undescribed));

        var requests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var body in document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
                     .Where(o => o.Value.TryGetProperty("requestBody", out _))
                     .SelectMany(o => o.Value.GetProperty("requestBody").GetProperty("content").EnumerateObject()))
        {
            Referenced(body.Value.GetProperty("schema"), schemas, requests);
        }

        Assert.Contains("Returns.SubmitReturnsRequest", requests);
        Assert.Contains("Returns.ReturnRowRequest", requests);
        var withoutExample = requests
            .SelectMany(name => Properties(schemas.GetProperty(name))
                // An enum's field (allOf its type) lists its allowed values instead.
                .Where(p => p.Value.TryGetProperty("type", out var type) && type.GetString() is "string" or "number" or "integer" or "boolean"
                            && !p.Value.TryGetProperty("allOf", out _))
                .Where(p => !p.Value.TryGetProperty("example", out _))
                .Select(p => $"{name}.{p.Name}"))
            .ToList();
        Assert.True(withoutExample.Count == 0, "No example: " + string.Join(", ", withoutExample));
    }

    /// <summary>
    /// The examples tell one story (measure B13, July 2026), and a client that sends them as they
    /// stand is answered 2xx at each step: the measure, its target, the trust's return and claim,
    /// the council's challenge and an agreed exception. An enum field takes its first value.
    /// </summary>
    [Fact]
    public async Task TheMainRequestExamplesAreAcceptedAsTheyStand()
    {
        var schemas = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement
            .GetProperty("components").GetProperty("schemas");
        var scenario = await Scenario.CreateAsync(api, new DateOnly(2026, 4, 1), new DateOnly(2031, 3, 31));
        var contract = $"/api/contracts/{scenario.ContractId}";

        async Task SendAsync(HttpClient client, HttpMethod method, string url, string body)
        {
            using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            var response = await client.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, $"{method} {url} {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        string Example(string name) => ExampleOf(schemas, name).ToJsonString();
        await SendAsync(scenario.Admin, HttpMethod.Post, $"{contract}/measures", Example("Measures.CreateMeasureRequest"));
        await SendAsync(scenario.Admin, HttpMethod.Put, $"{contract}/measures/B13/targets/2026-27", Example("Targets.SetTargetRequest"));
        await SendAsync(scenario.Provider, HttpMethod.Post, $"{contract}/returns", $$"""{"returns":[{{Example("Returns.ReturnRowRequest")}}]}""");
        await SendAsync(scenario.Provider, HttpMethod.Post, $"{contract}/claims", Example("Claims.CreateClaimRequest"));
        await SendAsync(scenario.Commissioner, HttpMethod.Post, $"{contract}/challenges", Example("Challenges.CreateChallengeRequest"));
        await SendAsync(scenario.Commissioner, HttpMethod.Post, $"{contract}/measures/B13/exceptions", Example("Exceptions.CreateExceptionRequest"));
    }

    private static System.Text.Json.Nodes.JsonObject ExampleOf(JsonElement schemas, string name)
    {
        var body = new System.Text.Json.Nodes.JsonObject();
        foreach (var property in Properties(schemas.GetProperty(name)))
        {
            if (property.Value.TryGetProperty("example", out var example))
            {
                body[property.Name] = System.Text.Json.Nodes.JsonNode.Parse(example.GetRawText());
            }
            else if (property.Value.TryGetProperty("allOf", out var allOf)
                     && schemas.GetProperty(allOf[0].GetProperty("$ref").GetString()!.Split('/')[^1]).TryGetProperty("enum", out var values))
            {
                body[property.Name] = values[0].GetString();
            }
        }

        return body;
    }

    private static List<JsonProperty> Properties(JsonElement schema) =>
        schema.TryGetProperty("properties", out var properties) ? [.. properties.EnumerateObject()] : [];

    /// <summary>The component schemas a schema names, through properties, items and allOf, transitively.</summary>
    private static void Referenced(JsonElement schema, JsonElement schemas, HashSet<string> found)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            if (found.Add(name))
            {
                Referenced(schemas.GetProperty(name), schemas, found);
            }

            return;
        }

        foreach (var child in schema.EnumerateObject())
        {
            if (child.Name is "properties")
            {
                foreach (var property in child.Value.EnumerateObject())
                {
                    Referenced(property.Value, schemas, found);
                }
            }
            else if (child.Name is "items")
            {
                Referenced(child.Value, schemas, found);
            }
            else if (child.Name is "allOf" or "oneOf" or "anyOf")
            {
                foreach (var part in child.Value.EnumerateArray())
                {
                    Referenced(part, schemas, found);
                }
            }
        }
    }

    // The document as JSON with one layout and line ending, so an editor or git on Windows changes nothing.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Normalise(string json) =>
        JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
}
