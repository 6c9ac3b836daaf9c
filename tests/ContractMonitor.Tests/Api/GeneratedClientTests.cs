using System.Reflection;
using System.Runtime.Loader;
using ContractMonitor.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag;
using NSwag.CodeGeneration.CSharp;

namespace ContractMonitor.Tests.Api;

/// <summary>
/// Issue 21: a client generated from the committed document (api/openapi.json) by NSwag, compiled
/// with Roslyn and called against the real api. Before the routes declared <c>{contractId}</c>, the
/// generated methods had no way to say which contract.
/// </summary>
public sealed class GeneratedClientTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task AClientGeneratedFromTheDocumentCallsAContractRoute()
    {
        var scenario = await Scenario.CreateAsync(api);
        var document = await OpenApiDocument.FromFileAsync(Path.Combine(Repository.Root, "api", "openapi.json"));
        var code = new CSharpClientGenerator(document, new CSharpClientGeneratorSettings
        {
            ClassName = "ContractMonitorClient",
            CSharpGeneratorSettings = { Namespace = "Generated", JsonLibrary = NJsonSchema.CodeGeneration.CSharp.CSharpJsonLibrary.SystemTextJson },
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
        }).GenerateFile();

        var client = Compile(code).GetType("Generated.ContractMonitorClient", throwOnError: true)!;
        using var http = api.ClientFor(ContractMonitor.Core.Access.Role.Panel, scenario.Council);
        var instance = Activator.CreateInstance(client, http)!;
        var get = client.GetMethods().Single(m => m.Name == "GetContractAsync" && m.GetParameters().Length == 1);
        var task = (Task)get.Invoke(instance, [scenario.ContractId])!;
        await task;
        var contract = task.GetType().GetProperty("Result")!.GetValue(task)!;

        Assert.Equal(scenario.Contract.Reference, contract.GetType().GetProperty("Reference")!.GetValue(contract));
        Assert.Equal(scenario.ContractId, contract.GetType().GetProperty("Id")!.GetValue(contract));
    }

    private static Assembly Compile(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("GeneratedClient", [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join(Environment.NewLine,
            emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString())));
        image.Position = 0;
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image);
    }
}
