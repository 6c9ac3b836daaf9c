using System.Text.RegularExpressions;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ContractMonitor.Api.OpenApi;

/// <summary>
/// Declares every parameter the route names (issue 21). Routes bound through a visibility type
/// (<c>ContractAccess</c> reads <c>{contractId}</c> itself) left it out of the document, so a client
/// generated from it could not call them.
/// </summary>
internal sealed partial class RouteParameters : IOperationFilter
{
    /// <summary>A period parameter, in the route or the query.</summary>
    public const string PeriodText = "A period: a month 2016-07, a quarter 2016-17-Q1 or a financial year 2016-17.";

    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["contractId"] = "The contract's id, as `POST /api/contracts` answered it.",
        ["id"] = "The id of the thing the route names.",
        ["code"] = "The measure's code within the contract, such as B13.",
        ["period"] = PeriodText,
        ["fromPeriod"] = "The first period the change applies to: a month 2016-07, a quarter 2016-17-Q1 or a year 2016-17.",
        ["year"] = "A financial year, such as 2016-17 (1 April 2016 to 31 March 2017).",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Parameters ??= [];
        foreach (Match match in RouteValue().Matches(context.ApiDescription.RelativePath ?? ""))
        {
            var name = match.Groups["name"].Value;
            var declared = operation.Parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Name == name);
            if (declared is OpenApiParameter existing)
            {
                existing.Description ??= Descriptions.GetValueOrDefault(name);
                continue;
            }

            if (declared is not null)
            {
                continue;
            }

            var whole = name == "id" || name.EndsWith("Id", StringComparison.Ordinal);
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Path,
                Required = true,
                Description = Descriptions.GetValueOrDefault(name),
                Schema = whole
                    ? new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" }
                    : new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteValue();
}
