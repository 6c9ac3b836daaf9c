namespace ContractMonitor.Core.Data;

internal enum WriteStatus
{
    Created,
    Updated,
    Unchanged,
    /// <summary>The request clashes with what is stored (a duplicate key): 409.</summary>
    Conflict,
    /// <summary>Well-formed, but the stored state makes it wrong (an unknown provider): 422.</summary>
    Rejected,
}

/// <summary>What a store did with a write, and why not when it did nothing.</summary>
internal sealed record WriteResult<T>(WriteStatus Status, T? Value, string? Detail = null, IReadOnlyDictionary<string, string[]>? Errors = null)
    where T : class;

internal static class WriteResult
{
    public static WriteResult<T> Created<T>(T value) where T : class => new(WriteStatus.Created, value);

    public static WriteResult<T> Updated<T>(T value) where T : class => new(WriteStatus.Updated, value);

    public static WriteResult<T> Unchanged<T>(T value) where T : class => new(WriteStatus.Unchanged, value);

    public static WriteResult<T> Conflict<T>(string detail) where T : class => new(WriteStatus.Conflict, null, detail);

    public static WriteResult<T> Rejected<T>(string field, string message) where T : class =>
        new(WriteStatus.Rejected, null, message, new Dictionary<string, string[]> { [field] = [message] });
}
