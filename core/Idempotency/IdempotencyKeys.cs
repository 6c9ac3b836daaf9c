using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Data;
using Dapper;

namespace ContractMonitor.Core.Idempotency;

/// <summary>
/// A client's <c>Idempotency-Key</c>, the fingerprint of the request it came with, and how the
/// caller will answer it if it succeeds: the status and location a repeat is answered with again.
/// The store that completes the key passes those through without reading them.
/// </summary>
internal sealed record IdempotentRequest(string Key, string RequestHash, int AnswerStatusCode, string? AnswerLocation);

/// <summary>The first answer given to a key, replayed to every repeat.</summary>
internal sealed record StoredAnswer(string RequestHash, int StatusCode, string Body, string? Location);

/// <summary>
/// Answers remembered per caller and key (DESIGN §6). A key is reserved inside the transaction of
/// the write it guards, so a write and its remembered answer commit together, and a second request
/// racing with the same key waits on the unique key and then replays instead of writing twice.
/// Refused requests write nothing, so they are not remembered.
/// </summary>
internal sealed class IdempotencyKeys(Database database)
{
    public const int MaxKeyLength = 255;

    public static string HashOf(Caller caller, string key)
    {
        return Sha256($"{caller.Org}\n{caller.Name}\n{key}");
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private const string FindSql = """
        SELECT RequestHash, StatusCode, ResponseBody AS Body, Location
        FROM IdempotencyKeys
        WHERE KeyHash = @KeyHash AND StatusCode > 0
        """;

    public async Task<StoredAnswer?> FindAsync(Caller caller, string key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, HashOf(caller, key), cancellationToken);
    }

    internal static async Task<StoredAnswer?> FindAsync(
        DbConnection connection, DbTransaction? transaction, string keyHash, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<AnswerRow>(new CommandDefinition(
            FindSql, new { KeyHash = keyHash }, transaction, cancellationToken: cancellationToken));
        return row is null ? null : new StoredAnswer(row.RequestHash, row.StatusCode, row.Body, row.Location);
    }

    private const string ReserveSql = """
        INSERT INTO IdempotencyKeys (ActorOrg, Actor, KeyHash, RequestHash, StatusCode, ResponseBody, Location, CreatedAt)
        VALUES (@ActorOrg, @Actor, @KeyHash, @RequestHash, 0, '', NULL, @CreatedAt)
        """;

    /// <summary>Throws a unique violation when another request holds the key: retry and replay it.</summary>
    internal static Task ReserveAsync(
        DbTransaction transaction, Caller caller, string keyHash, string requestHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(ReserveSql, new
        {
            ActorOrg = caller.Org,
            Actor = caller.Name,
            KeyHash = keyHash,
            RequestHash = requestHash,
            CreatedAt = at,
        }, transaction, cancellationToken: cancellationToken));

    private const string CompleteSql = """
        UPDATE IdempotencyKeys
        SET StatusCode = @StatusCode, ResponseBody = @Body, Location = @Location
        WHERE KeyHash = @KeyHash
        """;

    /// <summary>Remembers the answer to a reserved key, serialised as the api writes it; only a replay reads it back.</summary>
    internal static Task CompleteAsync<T>(
        DbTransaction transaction, string keyHash, IdempotentRequest request, T answer, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(CompleteSql, new
        {
            KeyHash = keyHash,
            StatusCode = request.AnswerStatusCode,
            Body = JsonSerializer.Serialize(answer, JsonDefaults.Web),
            Location = request.AnswerLocation,
        }, transaction, cancellationToken: cancellationToken));

    private sealed record AnswerRow
    {
        public string RequestHash { get; init; } = "";
        public int StatusCode { get; init; }
        public string Body { get; init; } = "";
        public string? Location { get; init; }
    }

    /// <summary>How long a key is remembered: long past any client's retry window.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private const string PurgeSql = """
        DELETE FROM IdempotencyKeys WHERE CreatedAt < @Before
        """;

    /// <summary>Forgets keys older than <see cref="Retention"/>; a repeat after that is a new request.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            PurgeSql, new { Before = now - Retention }, cancellationToken: cancellationToken));
    }
}
