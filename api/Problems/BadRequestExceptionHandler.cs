using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace ContractMonitor.Api.Problems;

/// <summary>
/// Turns a body or parameter that could not be read (malformed JSON, a wrong type, an unknown enum
/// name or field) into a 400 validation problem keyed by the field's JSON path, in words a client can
/// act on and without the .NET type names the framework's own message carries. The field's type is
/// found from the endpoint's declared request type through System.Text.Json's own metadata
/// (<see cref="JsonTypeInfo"/>), never from the wording of the exception's message.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, IOptions<HttpJsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        // The middleware has cleared the request's endpoint by now; the feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var problem = badRequest.InnerException is JsonException jsonProblem
            ? new HttpValidationProblemDetails(await EveryBadEnumAsync(httpContext.Request, jsonProblem, requestType, cancellationToken)
                ?? new Dictionary<string, string[]>
                {
                    [FieldOf(jsonProblem)] = [Describe(jsonProblem, requestType, json.Value.SerializerOptions)],
                })
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

    /// <summary>
    /// The deserialiser stops at the first unknown enum name; a client that sent three wants to hear
    /// of all three at once (issue 21). When the first problem is an enum, the body (buffered by
    /// <see cref="BufferSmallJsonBodies"/>) is read again and every enum field checked by the same
    /// converter. Null: not an enum problem, or the body cannot be read again.
    /// </summary>
    private async Task<Dictionary<string, string[]>?> EveryBadEnumAsync(
        HttpRequest request, JsonException problem, Type? requestType, CancellationToken cancellationToken)
    {
        var options = json.Value.SerializerOptions;
        if (requestType is null || !request.Body.CanSeek || problem.GetType() != typeof(JsonException) || problem.InnerException is JsonException
            || Resolve(options.GetTypeInfo(requestType), problem.Path ?? "$", options) is not Resolution.Found { Type: var found }
            || !(Nullable.GetUnderlyingType(found) ?? found).IsEnum)
        {
            return null;
        }

        try
        {
            request.Body.Position = 0;
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            var errors = new Dictionary<string, string[]>();
            CollectBadEnums(body.RootElement, options.GetTypeInfo(requestType), "", options, errors);
            return errors.Count > 0 ? errors : null;
        }
        catch (JsonException)
        {
            return null; // Not well-formed after all: the first problem is the one to tell.
        }
    }

    private static void CollectBadEnums(JsonElement element, JsonTypeInfo info, string path, JsonSerializerOptions options, Dictionary<string, string[]> errors)
    {
        if (element.ValueKind == JsonValueKind.Array && info.ElementType is { } itemType)
        {
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                CollectBadEnums(item, options.GetTypeInfo(itemType), $"{path}[{i++}]", options, errors);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object || info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var field in element.EnumerateObject())
        {
            var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, field.Name, StringComparison.OrdinalIgnoreCase));
            if (property is null || field.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var name = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (!type.IsEnum)
            {
                CollectBadEnums(field.Value, options.GetTypeInfo(type), name, options, errors);
                continue;
            }

            try
            {
                field.Value.Deserialize(type, options);
            }
            catch (JsonException)
            {
                errors[name] = [DescribeType(type)];
            }
        }
    }

    /// <summary>
    /// Small JSON bodies are kept so that <see cref="EveryBadEnumAsync"/> can read one again; a large
    /// one (a returns batch) has no enum fields and streams as before. A chunked body's size is not
    /// known in advance: it is kept when its endpoint takes no more than the 1 MB default (it spills
    /// to a temporary file past 30 KB), never for the endpoints that take large bodies. Runs after
    /// routing, so the endpoint is known.
    /// </summary>
    public static Task BufferSmallJsonBodies(HttpContext context, RequestDelegate next)
    {
        var small = context.Request.ContentLength is > 0 and <= 64 * 1024
            || (context.Request.ContentLength is null && context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is null);
        if (small && context.Request.HasJsonContentType())
        {
            context.Request.EnableBuffering();
        }

        return next(context);
    }

    internal static string FieldOf(JsonException exception)
    {
        var path = exception.Path ?? "$";
        return path is "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    /// <param name="requestType">The body type the endpoint declares; null when it declares none.</param>
    internal static string Describe(JsonException exception, Type? requestType, JsonSerializerOptions options)
    {
        // Bad syntax is the reader's error (a subtype of JsonException), thrown as it is or carried
        // inside the deserialiser's; a wrong type or an unknown field is the deserialiser's own.
        if (exception.GetType() != typeof(JsonException) || exception.InnerException is JsonException || requestType is null)
        {
            return NotJson(exception);
        }

        return Resolve(options.GetTypeInfo(requestType), exception.Path ?? "$", options) switch
        {
            Resolution.Unknown => "is not a field of this request.",
            Resolution.Found { Type: var type } => DescribeType(Nullable.GetUnderlyingType(type) ?? type),
            _ => NotJson(exception),
        };
    }

    private static string NotJson(JsonException exception) => exception.LineNumber is { } line
        ? $"The body is not valid JSON (line {line + 1}, position {exception.BytePositionInLine + 1})."
        : "The body is not valid JSON.";

    private static string DescribeType(Type type) => type switch
    {
        { IsEnum: true } => $"must be one of: {string.Join(", ", Enum.GetNames(type))}.",
        _ when type == typeof(int) || type == typeof(long) => "must be a whole number.",
        _ when type == typeof(decimal) || type == typeof(double) => "must be a number.",
        _ when type == typeof(DateOnly) => "must be a date written yyyy-MM-dd.",
        _ when type == typeof(DateTimeOffset) => "must be an ISO 8601 date and time.",
        _ when type == typeof(string) => "must be a string.",
        _ when type == typeof(bool) => "must be true or false.",
        _ when type.IsArray || (type.IsGenericType && type != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)) =>
            "must be an array.",
        { IsClass: true } => "must be an object.",
        _ => "has the wrong type.",
    };

    private abstract record Resolution
    {
        public sealed record Found(Type Type) : Resolution;

        /// <summary>The path names a property the type does not have.</summary>
        public sealed record Unknown : Resolution;

        /// <summary>The path cannot be followed (an index into something that is not a list).</summary>
        public sealed record Lost : Resolution;
    }

    /// <summary>Follows the JSON path through the serialiser's view of the type: its JSON names, element types and converters.</summary>
    private static Resolution Resolve(JsonTypeInfo root, string path, JsonSerializerOptions options)
    {
        var info = root;
        foreach (Match step in PathStep().Matches(path))
        {
            if (step.Groups["index"].Success)
            {
                if (info.ElementType is not { } element)
                {
                    return new Resolution.Lost();
                }

                info = options.GetTypeInfo(element);
                continue;
            }

            var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value;
            var property = info.Properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                return new Resolution.Unknown();
            }

            info = options.GetTypeInfo(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType);
        }

        return new Resolution.Found(info.Type);
    }

    private static string DescribeRequest(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts.",
        _ when exception.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase) => "A JSON request body is required.",
        _ when exception.Message.Contains("Failed to bind parameter", StringComparison.OrdinalIgnoreCase) =>
            "A route or query value has the wrong form.",
        _ => "The request could not be read.",
    };

    // A JSON path as System.Text.Json writes it: $.returns[0].value, or $['odd name'] for names that need quoting.
    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|\['(?<quoted>[^']*)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();
}
