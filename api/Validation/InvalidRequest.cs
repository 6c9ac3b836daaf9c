using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Validation;

/// <summary>The 400 answer for fields, headers or query values that cannot be used, keyed by their names.</summary>
internal static class InvalidRequest
{
    public const string Title = "The request has invalid fields.";

    public static ValidationProblem Of(IDictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors, title: Title);

    public static ValidationProblem Of(string field, string message) => Of(new Dictionary<string, string[]> { [field] = [message] });
}
