using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ContractMonitor.Api.OpenApi;

/// <summary>
/// A nullable property of an enum or record type is written as <c>allOf</c> the type plus
/// <c>nullable</c>; OpenAPI 3.0 gives <c>nullable</c> meaning only beside a <c>type</c>, so the
/// referenced type is named there too (Redocly's <c>nullable-type-sibling</c>).
/// </summary>
internal sealed class NullableReferences : IDocumentFilter
{
    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        var schemas = swaggerDoc.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>();
        foreach (var schema in schemas.Values)
        {
            foreach (var property in schema.Properties?.Values ?? [])
            {
                // Looked up by name: references are resolved only once the document is whole.
                if (property is OpenApiSchema { AllOf: [OpenApiSchemaReference { Reference.Id: { } id }] } wrapper
                    && wrapper.Type is { } own && own.HasFlag(JsonSchemaType.Null)
                    && schemas.TryGetValue(id, out var target) && target.Type is { } type)
                {
                    wrapper.Type = type | JsonSchemaType.Null;
                }
            }
        }
    }
}
