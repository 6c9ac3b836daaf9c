using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContractMonitor.Tests.Security.Hostile;

/// <summary>
/// Derives requests from the OpenAPI document: a well-formed request for the operation (route
/// values and fields that exist), then one to three mutations of its route values, query, body,
/// content type or headers. The same seed gives the same requests.
/// </summary>
public sealed class HostileRequestGenerator(OpenApiOperations document, IReadOnlyDictionary<string, string> routeValues, Random random)
{
    private static readonly string[] Periods = ["2016-04", "2016-05", "2016-06", "2016-07"];

    public HostileRequest Next(ApiOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var path = operation.PathNames.ToDictionary(name => name, name => RouteValue(operation, name));
        var query = new List<(string Name, string Value)>();
        var headers = new Dictionary<string, string>();
        string? contentType = null;
        JsonElement? bodySchema = null;
        if (operation.Bodies.Count > 0)
        {
            var body = Pick(operation.Bodies.ToList());
            (contentType, bodySchema) = (body.Key, body.Value);
        }

        JsonNode? json = contentType == "application/json" && bodySchema is { } schema ? Sample(schema, "", 0) : null;
        string? raw = contentType == "text/csv" ? ValidCsv() : null;
        var mutations = new List<string>();

        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            var kind = random.Next(10);
            switch (kind)
            {
                case 0 when path.Count > 0:
                    var name = Pick(path.Keys.ToList());
                    path[name] = Pick(HostileValues.PathValues);
                    mutations.Add($"route {name}");
                    break;
                case 1:
                    var parameter = operation.Parameters.Where(p => p.In == "query").Select(p => p.Name).DefaultIfEmpty("unexpected").ToList();
                    var queryName = random.Next(5) == 0 ? "unexpected" : Pick(parameter);
                    query.Add((queryName, Pick(HostileValues.Strings)));
                    if (random.Next(4) == 0)
                    {
                        query.Add((queryName, Pick(HostileValues.Strings)));
                    }

                    mutations.Add($"query {queryName}");
                    break;
                case 2 or 3 or 4 when json is not null:
                    var (mutation, replaced, text) = ReplaceSomeValue(json);
                    (json, raw) = (replaced, text ?? raw);
                    mutations.Add(mutation);
                    break;
                case 5 when json is JsonObject:
                    mutations.Add(RemoveOrAddField(json));
                    break;
                case 6 when contentType is not null:
                    raw = contentType == "text/csv" ? HostileCsv() : Pick(HostileValues.RawBodies);
                    json = null;
                    mutations.Add("raw body");
                    break;
                case 7 when contentType is not null:
                    contentType = Pick(HostileValues.ContentTypes);
                    mutations.Add("content type");
                    break;
                case 8:
                    var header = Pick(HostileValues.Headers.Keys.Order(StringComparer.Ordinal).ToList());
                    headers[header] = Pick(HostileValues.Headers[header]);
                    mutations.Add($"header {header}");
                    break;
                case 9 when operation.Bodies.Count == 0:
                    // A body where none is read.
                    raw = Pick(HostileValues.RawBodies);
                    contentType = Pick(HostileValues.ContentTypes);
                    mutations.Add("unexpected body");
                    break;
                default:
                    i--;
                    break;
            }
        }

        var url = operation.Path;
        foreach (var (name, value) in path)
        {
            url = System.Text.RegularExpressions.Regex.Replace(url, $@"\{{{name}(:[^}}]*)?\}}", value.Replace("$", "$$", StringComparison.Ordinal));
        }

        if (query.Count > 0)
        {
            url += "?" + string.Join("&", query.Select(q => $"{Uri.EscapeDataString(q.Name)}={Escape(q.Value)}"));
        }

        var content = raw ?? json?.ToJsonString();
        return new HostileRequest(operation, url, contentType, content is null ? null : Encoding.UTF8.GetBytes(content), headers, string.Join(", ", mutations));
    }

    private string RouteValue(ApiOperation operation, string name) =>
        name == "id" ? routeValues[operation.Path.StartsWith("/api/challenges", StringComparison.Ordinal) ? "challengeId" : "escalationId"]
            : name == "period" ? Pick(Periods)
            : routeValues.TryGetValue(name, out var value) ? value : "1";

    /// <summary>A value the schema allows, with plausible contents for the fields this api knows.</summary>
    private JsonNode? Sample(JsonElement schema, string field, int depth)
    {
        schema = document.Resolve(schema);
        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonValue.Create(Pick(values.EnumerateArray().Select(v => v.GetString()!).ToList()));
        }

        var type = schema.TryGetProperty("type", out var t) ? t.GetString() : "object";
        return type switch
        {
            "object" => SampleObject(schema, depth),
            "array" when depth < 4 => new JsonArray(Enumerable.Range(0, random.Next(1, 3))
                .Select(_ => Sample(schema.GetProperty("items"), field, depth + 1)).ToArray()),
            "array" => new JsonArray(),
            "integer" => JsonValue.Create(field switch { "level" => random.Next(1, 4), "returnDueDays" => 15, "smallCohort" => 10, _ => random.Next(1, 4) }),
            "number" => JsonValue.Create(field switch { "tolerance" => 55m, "denominator" => 200m, "numerator" => 110m, _ => 60m }),
            "boolean" => JsonValue.Create(true),
            _ => JsonValue.Create(SampleString(field, schema)),
        };
    }

    private JsonObject SampleObject(JsonElement schema, int depth)
    {
        var result = new JsonObject();
        if (!schema.TryGetProperty("properties", out var properties))
        {
            return result;
        }

        foreach (var property in properties.EnumerateObject())
        {
            // Optional dates are often left out, as clients do.
            if (property.Name is "endDate" or "responseDueDate" && random.Next(2) == 0)
            {
                continue;
            }

            result[property.Name] = Sample(property.Value, property.Name, depth + 1);
        }

        return result;
    }

    private string SampleString(string field, JsonElement schema) => field switch
    {
        "measureCode" => "A1",
        "period" => Pick(Periods),
        "code" => $"Q{random.Next(1000, 9999)}",
        "reference" => $"REF-{random.Next(100000, 999999)}",
        "providerCode" => routeValues["trust"],
        "email" => "someone@example.org",
        "startDate" => "2016-04-01",
        "endDate" => "2030-03-31",
        "responseDueDate" => "2030-01-01",
        _ when schema.TryGetProperty("format", out var f) && f.GetString() == "date" => "2020-01-01",
        _ => $"Text {random.Next(1000)}",
    };

    /// <summary>Replaces one value anywhere in the body; a number token that is not JSON turns the body into text.</summary>
    private (string Mutation, JsonNode? Json, string? Raw) ReplaceSomeValue(JsonNode json)
    {
        var (slotPath, parent, key) = Pick(Slots(json, "$").ToList());
        if (random.Next(4) == 0)
        {
            var marker = $"__number_{random.Next()}__";
            var token = Pick(HostileValues.NumberTokens);
            if (parent is null)
            {
                return ($"number {token} as the body", null, token);
            }

            Set(parent, key, JsonValue.Create(marker));
            var text = json.ToJsonString().Replace($"\"{marker}\"", token, StringComparison.Ordinal);
            return ($"number {token} at {slotPath}", null, text);
        }

        var replacement = random.Next(2) == 0 ? JsonNode.Parse(Pick(HostileValues.WrongTypes)) : JsonValue.Create(Pick(HostileValues.Strings));
        if (parent is null)
        {
            return ($"value as the body", replacement, replacement is null ? "null" : null);
        }

        Set(parent, key, replacement);
        return ($"value at {slotPath}", json, null);
    }

    private string RemoveOrAddField(JsonNode json)
    {
        var objects = Objects(json).ToList();
        var target = Pick(objects);
        if (random.Next(2) == 0 && target.Count > 0)
        {
            var name = Pick(target.Select(p => p.Key).ToList());
            target.Remove(name);
            return $"missing {name}";
        }

        var extra = Pick(HostileValues.FieldNames);
        target[extra] = JsonNode.Parse(Pick(HostileValues.WrongTypes));
        return $"extra {extra}";
    }

    private static IEnumerable<(string Path, JsonNode? Parent, object? Key)> Slots(JsonNode node, string path)
    {
        if (node.Parent is null)
        {
            yield return (path, null, null);
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    yield return ($"{path}.{name}", obj, name);
                    if (child is not null)
                    {
                        foreach (var slot in Slots(child, $"{path}.{name}").Where(s => s.Parent is not null))
                        {
                            yield return slot;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return ($"{path}[{i}]", array, i);
                    if (array[i] is { } child)
                    {
                        foreach (var slot in Slots(child, $"{path}[{i}]").Where(s => s.Parent is not null))
                        {
                            yield return slot;
                        }
                    }
                }

                break;
        }
    }

    private static IEnumerable<JsonObject> Objects(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Objects).Prepend(obj),
        JsonArray array => array.OfType<JsonNode>().SelectMany(Objects),
        _ => [],
    };

    private static void Set(JsonNode? parent, object? key, JsonNode? value)
    {
        switch (parent)
        {
            case JsonObject obj:
                obj[(string)key!] = value;
                break;
            case JsonArray array:
                array[(int)key!] = value;
                break;
        }
    }

    private string ValidCsv() => $"measureCode,period,value,numerator,denominator,commentary\nA1,{Pick(Periods)},55,110,200,Steady\n";

    private string HostileCsv()
    {
        var cell = () => CsvCell(Pick(HostileValues.Strings));
        return random.Next(6) switch
        {
            0 => $"measureCode,period,value\n{cell()},{cell()},{cell()}\n",
            1 => $"measureCode,period,value,commentary\nA1,2016-04,55,{cell()}\n",
            2 => $"\uFEFFmeasureCode,period,value\nA1,2016-04,{Pick(HostileValues.NumberTokens)}\n",
            3 => $"{cell()},{cell()}\n{cell()}\n",
            4 => "measureCode,period,value\nA1,\"2016-04,55\n",
            _ => $"measureCode,period,value,value\nA1,2016-04,55,56\n{string.Concat(Enumerable.Repeat("A1,2016-04,55\n", random.Next(1, 50)))}",
        };
    }

    private static string CsvCell(string value) => $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Escapes a query value, but leaves some raw so that malformed escapes reach the server too.</summary>
    private string Escape(string value) => random.Next(8) == 0 ? value.Replace("&", "%26", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal) : Uri.EscapeDataString(value);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
