using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace ContractMonitor.Api.Problems;

/// <summary>
/// Turns a body or parameter that could not be read (malformed JSON, a wrong type, an unknown enum
/// name or field) into a 400 validation problem keyed by the field's JSON path, in words a client can
/// act on and without the .NET type names the framework's own message carries.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = badRequest.InnerException is JsonException json
            ? new HttpValidationProblemDetails(new Dictionary<string, string[]> { [FieldOf(json)] = [Describe(json)] })
            {
                Title = "The request body could not be read.",
                Status = badRequest.StatusCode,
            }
            : new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Title = badRequest.StatusCode switch
                {
                    StatusCodes.Status415UnsupportedMediaType => "Unsupported content type.",
                    StatusCodes.Status413PayloadTooLarge => "Request body too large.",
                    _ => "Bad request.",
                },
                Detail = DescribeRequest(badRequest),
                Status = badRequest.StatusCode,
            };
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    internal static string FieldOf(JsonException exception)
    {
        var path = exception.Path ?? "$";
        return path is "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    internal static string Describe(JsonException exception)
    {
        if (UnmappedProperty().IsMatch(exception.Message))
        {
            return "is not a field of this request.";
        }

        var target = ConvertTarget().Match(exception.Message);
        if (!target.Success)
        {
            return exception.LineNumber is { } line
                ? $"The body is not valid JSON (line {line + 1}, position {exception.BytePositionInLine + 1})."
                : "The body is not valid JSON.";
        }

        // The message names the type being built (often the whole request record); the field's own
        // type is found by walking the JSON path through that type's properties.
        var type = FindType(target.Groups["type"].Value);
        if (type is not null)
        {
            type = LeafType(type, exception.Path ?? "$") ?? type;
            type = Nullable.GetUnderlyingType(type) ?? type;
        }

        return type switch
        {
            { IsEnum: true } => $"must be one of: {string.Join(", ", Enum.GetNames(type))}.",
            _ when type == typeof(int) || type == typeof(long) => "must be a whole number.",
            _ when type == typeof(decimal) || type == typeof(double) => "must be a number.",
            _ when type == typeof(DateOnly) => "must be a date written yyyy-MM-dd.",
            _ when type == typeof(DateTimeOffset) => "must be an ISO 8601 date and time.",
            _ when type == typeof(string) => "must be a string.",
            _ when type == typeof(bool) => "must be true or false.",
            { IsArray: true } => "must be an array.",
            { IsGenericType: true } when ElementType(type) is not null => "must be an array.",
            { IsClass: true } => "must be an object.",
            _ => "has the wrong type.",
        };
    }

    private static Type? FindType(string name)
    {
        if (name.StartsWith("System.Nullable`1[", StringComparison.Ordinal) && name.EndsWith(']'))
        {
            name = name["System.Nullable`1[".Length..^1];
        }

        return Type.GetType(name) ?? typeof(Contracts.JsonDefaults).Assembly.GetType(name);
    }

    /// <summary>
    /// The type at the end of the path. The named type may be the root or, when a record is built
    /// through its constructor, the object that holds the field, so the longest tail of the path
    /// that resolves from it is taken.
    /// </summary>
    private static Type? LeafType(Type named, string path)
    {
        var steps = PathStep().Matches(path).ToList();
        for (var skip = 0; skip < steps.Count; skip++)
        {
            if (Walk(named, steps.Skip(skip)) is { } leaf)
            {
                return leaf;
            }
        }

        return null;
    }

    private static Type? Walk(Type root, IEnumerable<Match> steps)
    {
        var type = root;
        foreach (var step in steps)
        {
            if (step.Groups["index"].Success)
            {
                type = type.IsArray ? type.GetElementType() : ElementType(type);
            }
            else
            {
                type = type.GetProperty(step.Groups["name"].Value,
                    System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase)?.PropertyType;
            }

            if (type is null)
            {
                return null;
            }

            type = Nullable.GetUnderlyingType(type) ?? type;
        }

        return type;
    }

    private static Type? ElementType(Type type) =>
        type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0] is { } element && type != typeof(string) ? element : null;

    private static string DescribeRequest(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
        _ when exception.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase) => "A JSON request body is required.",
        _ when exception.Message.Contains("Failed to bind parameter", StringComparison.OrdinalIgnoreCase) =>
            "A route or query value has the wrong form.",
        _ => "The request could not be read.",
    };

    [GeneratedRegex(@"The JSON property '(?<name>[^']*)' could not be mapped")]
    private static partial Regex UnmappedProperty();

    [GeneratedRegex(@"could not be converted to (?<type>[^ ]+?)\. Path")]
    private static partial Regex ConvertTarget();

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
