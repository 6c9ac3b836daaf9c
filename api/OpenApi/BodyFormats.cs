using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ContractMonitor.Api.OpenApi;

/// <summary>
/// Documents an operation whose endpoints differ only in the body they accept (JSON or CSV) as one
/// operation with both content types, the CSV one described as text.
/// </summary>
internal sealed class BodyFormats : IOperationFilter
{
    public static ApiDescription Merge(IEnumerable<ApiDescription> descriptions)
    {
        var all = descriptions.ToList();
        var primary = all.FirstOrDefault(d => d.SupportedRequestFormats.Any(f => f.MediaType == "application/json")) ?? all[0];
        foreach (var format in all.Where(d => d != primary).SelectMany(d => d.SupportedRequestFormats))
        {
            if (primary.SupportedRequestFormats.All(f => f.MediaType != format.MediaType))
            {
                primary.SupportedRequestFormats.Add(format);
            }
        }

        return primary;
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.RequestBody?.Content is { } content && content.TryGetValue("text/csv", out _))
        {
            content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Description = "CSV, UTF-8, header measureCode,period,value,numerator,denominator,commentary; errors name the line (header = line 1).",
                },
            };
        }
    }
}
