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

    // The document as JSON with one layout and line ending, so an editor or git on Windows changes nothing.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Normalise(string json) =>
        JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, Indented).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
}
