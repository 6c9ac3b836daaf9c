using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ContractMonitor.Api.OpenApi;

/// <summary>
/// Every operation has a short summary and a description (issue 21). The summary is the endpoint's
/// name in words ("ChangeContractPolicy": "Change contract policy"); the description is the handler's
/// XML comment, which says what it does and what it refuses.
/// </summary>
internal sealed partial class OperationText : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var name = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
        var comment = operation.Summary;
        operation.Summary = name is null ? comment : Words(name);
        if (string.IsNullOrWhiteSpace(operation.Description))
        {
            operation.Description = string.IsNullOrWhiteSpace(comment) ? operation.Summary + "." : comment;
        }
    }

    private static string Words(string name)
    {
        var words = Capital().Replace(name, " $1").Trim().ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Capital();
}
