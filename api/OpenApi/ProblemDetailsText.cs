using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ContractMonitor.Api.OpenApi;

/// <summary>
/// Problem details are the framework's types, with no XML comments to read: their fields are
/// described here as RFC 9457 and this api use them, so every property in the document says what it is.
/// </summary>
internal sealed class ProblemDetailsText : ISchemaFilter
{
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["type"] = "A URI reference that identifies the kind of problem (RFC 9457).",
        ["title"] = "A short summary of the kind of problem, the same each time it happens.",
        ["status"] = "The HTTP status code of this answer.",
        ["detail"] = "What went wrong this time, in words a person can act on.",
        ["instance"] = "The path of the request that went wrong.",
        ["errors"] = "Each field or row refused, by its JSON path (such as returns[3].value, or lines[5].period in a CSV upload), with why.",
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (!typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.Type) || schema is not OpenApiSchema problem)
        {
            return;
        }

        problem.Description ??= "An error answer as RFC 9457 problem details (application/problem+json).";
        foreach (var (name, property) in problem.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            if (Fields.TryGetValue(name, out var text) && property is OpenApiSchema field)
            {
                field.Description ??= text;
            }
        }
    }
}
