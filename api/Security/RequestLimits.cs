using Microsoft.AspNetCore.Http.Metadata;

namespace ContractMonitor.Api.Security;

/// <summary>
/// Bodies are capped by the server before the app reads them: small for every JSON request, larger
/// only where a batch of returns (up to 5,000 rows with commentary) arrives.
/// </summary>
internal static class RequestLimits
{
    public const long DefaultBodyBytes = 1024 * 1024;
    public const long ReturnsBodyBytes = 16 * 1024 * 1024;

    public static WebApplicationBuilder AddRequestLimits(this WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = DefaultBodyBytes;
            // A client that sends its body a byte at a time cannot hold a connection for long.
            kestrel.Limits.MinRequestBodyDataRate = new(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    /// <summary>Raises the body limit of one endpoint; routing applies it before the body is read.</summary>
    public static TBuilder AllowBodyUpTo<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodySizeLimit(bytes));

    private sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
}
