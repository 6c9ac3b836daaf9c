using System.Text.Json;

namespace ContractMonitor.Tests.Security.Hostile;

public sealed record ApiParameter(string Name, string In, JsonElement Schema);

/// <summary>One operation of the OpenAPI document: its route template, parameters and the body schema per content type.</summary>
public sealed record ApiOperation(
    string Id, HttpMethod Method, string Path, IReadOnlyList<ApiParameter> Parameters, IReadOnlyDictionary<string, JsonElement> Bodies)
{
    /// <summary>Route values, documented or not (the contract id is bound by the access filter, not a parameter).</summary>
    public IEnumerable<string> PathNames =>
        System.Text.RegularExpressions.Regex.Matches(Path, @"\{(?<name>[^}:]+)[^}]*\}").Select(m => m.Groups["name"].Value);

    public override string ToString() => $"{Method} {Path} ({Id})";
}

/// <summary>The api's own OpenAPI document, read as the contract the hostile requests are derived from.</summary>
public sealed class OpenApiOperations(JsonElement document)
{
    public static OpenApiOperations Parse(string json) => new(JsonDocument.Parse(json).RootElement.Clone());

    public IReadOnlyList<ApiOperation> All() =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => new ApiOperation(
                operation.Value.GetProperty("operationId").GetString()!,
                new HttpMethod(operation.Name.ToUpperInvariant()),
                path.Name,
                operation.Value.TryGetProperty("parameters", out var parameters)
                    ? parameters.EnumerateArray().Select(p => new ApiParameter(
                        p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, Resolve(p.GetProperty("schema")))).ToList()
                    : [],
                operation.Value.TryGetProperty("requestBody", out var body)
                    ? body.GetProperty("content").EnumerateObject().ToDictionary(c => c.Name, c => Resolve(c.Value.GetProperty("schema")))
                    : new Dictionary<string, JsonElement>())))
            .OrderBy(o => o.Id, StringComparer.Ordinal)
            .ToList();

    /// <summary>Follows a local <c>$ref</c> to its schema.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!["#/components/schemas/".Length..];
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(name);
        }

        return schema;
    }
}
