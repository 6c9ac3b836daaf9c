using ContractMonitor.Core.Idempotency;

namespace ContractMonitor.Api.Idempotency;

/// <summary>Marks an endpoint that honours <c>Idempotency-Key</c>, so the OpenAPI document shows the header.</summary>
internal sealed record IdempotentMetadata;

/// <summary>
/// The <c>Idempotency-Key</c> request header (DESIGN §6). Read raw rather than bound, because binding
/// hides an empty or repeated header, and both must be refused rather than ignored.
/// </summary>
internal static class IdempotencyHeader
{
    public const string Name = "Idempotency-Key";

    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <returns>The key, null when none was sent, or the reason it cannot be used.</returns>
    public static (string? Key, string? Problem) Read(HttpRequest request)
    {
        var sent = request.Headers[Name];
        if (sent.Count == 0)
        {
            return (null, null);
        }

        var key = sent.Count == 1 ? sent[0] ?? "" : "";
        return key.Length is 0 or > IdempotencyKeys.MaxKeyLength || key.Any(c => c is < '!' or > '~')
            ? (null, $"must be one key of 1 to {IdempotencyKeys.MaxKeyLength} visible ASCII characters, such as a UUID.")
            : (key, null);
    }

    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotentMetadata());
}
