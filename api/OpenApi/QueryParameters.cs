using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ContractMonitor.Api.OpenApi;

/// <summary>
/// The query values the handlers read as text and check themselves (so that a bad one is a problem
/// naming the field, not a framework 400) are documented with the values and forms they accept (issue 21).
/// </summary>
internal sealed class QueryParameters : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var path = context.ApiDescription.RelativePath ?? "";
        foreach (var parameter in (operation.Parameters ?? []).OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            var schema = parameter.Schema as OpenApiSchema;
            switch (parameter.Name)
            {
                case "asOf":
                    parameter.Description ??= "The latest periods ended by this day (yyyy-MM-dd); left out, today.";
                    schema?.Format = "date";
                    break;
                case "knownAt":
                    parameter.Description ??= "The answer as it was at the end of this day, English time (yyyy-MM-dd), or at an instant with its offset "
                        + "(2026-09-30T17:00:00Z); left out, now.";
                    break;
                case "format":
                    parameter.Description ??= "csv for a CSV file; left out, JSON (or send Accept: text/csv).";
                    Names(schema, "json", "csv");
                    break;
                case "rollup":
                    parameter.Description ??= "Quarterly or Annual: the measure's figures rolled up to quarters or years.";
                    Names(schema, "Quarterly", "Annual");
                    break;
                case "status" when path.Contains("escalations", StringComparison.Ordinal):
                    Names(schema, Enum.GetNames<ContractMonitor.Contracts.Escalations.EscalationFilter>());
                    break;
                case "status" when path.Contains("notifications", StringComparison.Ordinal):
                    Names(schema, Enum.GetNames<ContractMonitor.Contracts.Notifications.NotificationFilter>());
                    break;
                case "status" when path.Contains("challenges", StringComparison.Ordinal):
                    Names(schema, Enum.GetNames<ContractMonitor.Contracts.Challenges.ChallengeFilter>());
                    break;
                case "period":
                    parameter.Description ??= RouteParameters.PeriodText;
                    break;
                case "from" or "to":
                    parameter.Description ??= "A period of the measure's frequency bounding the series (inclusive).";
                    break;
            }
        }
    }

    private static void Names(OpenApiSchema? schema, params string[] names)
    {
        if (schema is not null)
        {
            schema.Enum = names.Select(n => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(n)!).ToList();
        }
    }
}
