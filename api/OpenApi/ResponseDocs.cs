using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ContractMonitor.Api.OpenApi;

/// <summary>
/// What the document says every answer can be (issue 21): the problems any API call can meet (429
/// rate limited, 503 database unreachable; 413 and 415 where there is a body), 422 as validation
/// problem details with <c>errors</c>, and the answers that are not only JSON (CSV, Word).
/// </summary>
internal sealed class ResponseDocs : IOperationFilter
{
    private const string ProblemJson = "application/problem+json";

    /// <summary>The reads that answer JSON or CSV (<c>?format=csv</c> or <c>Accept: text/csv</c>), and the type of their JSON.</summary>
    private static readonly Dictionary<string, Type> JsonOrCsv = new(StringComparer.Ordinal)
    {
        ["ListReturns"] = typeof(ContractMonitor.Contracts.Returns.ReturnListResponse),
        ["GetSplitScreen"] = typeof(ContractMonitor.Contracts.SplitScreen.SplitScreenResponse),
    };

    private static readonly HashSet<string> WordDocuments = new(StringComparer.Ordinal) { "GetPaperDocument", "PreviewPaperDocument" };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.RelativePath?.StartsWith("api/", StringComparison.Ordinal) != true)
        {
            return;
        }

        operation.Responses ??= [];
        var problem = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        var validation = context.SchemaGenerator.GenerateSchema(typeof(HttpValidationProblemDetails), context.SchemaRepository);
        void Add(int status, string description, IOpenApiSchema schema)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.TryGetValue(key, out var existing) && existing is OpenApiResponse documented)
            {
                // A 422 is refused by the rules with each field named: the validation shape, whatever the handler's type said.
                if (status == StatusCodes.Status422UnprocessableEntity)
                {
                    documented.Content = new Dictionary<string, IOpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = schema } };
                }

                return;
            }

            operation.Responses[key] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType> { [ProblemJson] = new OpenApiMediaType { Schema = schema } },
            };
        }

        Add(StatusCodes.Status429TooManyRequests, "Too many requests from this caller: wait for the number of seconds in Retry-After.", problem);
        Add(StatusCodes.Status503ServiceUnavailable, "The database cannot be reached; try again shortly.", problem);
        if (operation.RequestBody is not null)
        {
            Add(StatusCodes.Status413PayloadTooLarge, "The body is larger than this endpoint accepts.", problem);
            Add(StatusCodes.Status415UnsupportedMediaType, "The body is not in a format this endpoint accepts.", problem);
        }

        if (operation.Responses.ContainsKey("422"))
        {
            Add(StatusCodes.Status422UnprocessableEntity, "", validation);
        }

        var name = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName ?? "";
        if (operation.Responses.TryGetValue("200", out var ok) && ok is OpenApiResponse success)
        {
            if (JsonOrCsv.TryGetValue(name, out var type))
            {
                success.Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository) },
                    ["text/csv"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "One row a line, with a header row." } },
                };
            }
            else if (WordDocuments.Contains(name))
            {
                success.Content = new Dictionary<string, IOpenApiMediaType>
                {
                    [Core.Papers.PaperDocument.ContentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                };
            }
        }
    }
}
