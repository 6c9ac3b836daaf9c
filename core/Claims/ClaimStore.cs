using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Claims;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using Dapper;

namespace ContractMonitor.Core.Claims;

/// <summary>Which claims of a contract to read; every filter left null matches all.</summary>
/// <param name="KnownAt">Only what was said before this instant (DESIGN §5, knownAt); null for everything.</param>
internal sealed record ClaimQuery(
    long ContractId, long? MeasureId = null, string? Period = null, DateOnly? From = null, DateOnly? Until = null, DateTimeOffset? KnownAt = null);

/// <summary>
/// The trust's voice (DESIGN §3.5): the commentary sent with each return revision, and notes written
/// afterwards. Both are kept as written; nothing here is ever updated.
/// </summary>
internal sealed class ClaimStore(Database database, TimeProvider clock)
{
    private const string ClaimsSql = """
        SELECT CAST(NULL AS BIGINT) AS Id, 'Commentary' AS Kind, m.Code AS MeasureCode, r.Period, r.Commentary AS Text,
               r.Revision, r.SubmittedBy AS Author, r.SubmittedByOrg AS AuthorOrg, r.SubmittedAt AS CreatedAt, r.MeasureId
        FROM Returns r
        JOIN Measures m ON m.Id = r.MeasureId
        WHERE m.ContractId = @ContractId AND r.Commentary IS NOT NULL
          AND (@MeasureId IS NULL OR r.MeasureId = @MeasureId)
          AND (@Period IS NULL OR r.Period = @Period)
          AND (@From IS NULL OR r.PeriodStart >= @From)
          AND (@Until IS NULL OR r.PeriodStart <= @Until)
          AND (@KnownAt IS NULL OR r.SubmittedAt < @KnownAt)
        UNION ALL
        SELECT c.Id, 'Note', m.Code, c.Period, c.Text, c.ReturnRevision, c.Author, c.AuthorOrg, c.CreatedAt, c.MeasureId
        FROM Claims c
        JOIN Measures m ON m.Id = c.MeasureId
        WHERE c.ContractId = @ContractId
          AND (@MeasureId IS NULL OR c.MeasureId = @MeasureId)
          AND (@Period IS NULL OR c.Period = @Period)
          AND (@From IS NULL OR c.PeriodStart >= @From)
          AND (@Until IS NULL OR c.PeriodStart <= @Until)
          AND (@KnownAt IS NULL OR c.CreatedAt < @KnownAt)
        """;

    /// <summary>
    /// The claims a query selects, in the order they were made. A revision that repeats the
    /// commentary of the one before (a spreadsheet sent again with a corrected figure) adds no claim.
    /// </summary>
    internal static async Task<IReadOnlyList<ProviderClaim>> ReadAsync(
        DbConnection connection, DbTransaction? transaction, ClaimQuery query, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ClaimRow>(new CommandDefinition(ClaimsSql, query, transaction, cancellationToken: cancellationToken));
        var said = new Dictionary<(long MeasureId, string Period), string>();
        var claims = new List<ProviderClaim>();
        foreach (var row in rows.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.MeasureId).ThenBy(r => r.Period, StringComparer.Ordinal)
                     .ThenBy(r => r.Revision).ThenBy(r => r.Id))
        {
            if (row.Kind == nameof(ClaimKind.Commentary))
            {
                var key = (row.MeasureId, row.Period);
                var repeated = said.TryGetValue(key, out var before) && before == row.Text;
                said[key] = row.Text;
                if (repeated)
                {
                    continue;
                }
            }

            claims.Add(row.ToClaim());
        }

        return claims.OrderBy(c => c.CreatedAt).ThenBy(c => c.Kind).ThenBy(c => c.Revision).ThenBy(c => c.Id).ToList();
    }

    /// <summary>A visible contract's claims; the caller has checked visibility.</summary>
    public async Task<IReadOnlyList<ProviderClaim>> ListAsync(long contractId, Measure? measure, Period? period, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, new ClaimQuery(contractId, measure?.Id, period?.ToString()), cancellationToken);
    }

    private static readonly DialectSql InsertSql = DialectSql.InsertReturningId(
        """
        INSERT INTO Claims (ContractId, MeasureId, Period, PeriodStart, Text, ReturnRevision, Author, AuthorOrg, CreatedAt)
        """,
        """
        VALUES (@ContractId, @MeasureId, @Period, @PeriodStart, @Text, @ReturnRevision, @Author, @AuthorOrg, @CreatedAt)
        """);

    /// <summary>Adds a note about the figure, recording the revision that counts as it is written.</summary>
    public async Task<ProviderClaim> AddAsync(
        Contract contract, Caller caller, MeasurePeriod about, string text, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var period = about.Period.ToString();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var revision = await ReturnStore.CurrentRevisionAsync(transaction, contract, about.Measure, about.Period, cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Dialect[InsertSql], new
        {
            ContractId = contract.Id,
            MeasureId = about.Measure.Id,
            Period = period,
            PeriodStart = about.Period.Start,
            Text = text.Trim(),
            ReturnRevision = revision,
            Author = caller.Name,
            AuthorOrg = caller.Org,
            CreatedAt = now,
        }, transaction, cancellationToken: cancellationToken));
        var claim = new ProviderClaim(id, ClaimKind.Note, about.Measure.Code, period, text.Trim(), revision, caller.Name, caller.Org, now);
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry(
            "claim.created", "Claim", id.ToString(CultureInfo.InvariantCulture), contract.Id, null, claim), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claim;
    }

    private sealed record ClaimRow
    {
        public long? Id { get; init; }
        public string Kind { get; init; } = "";
        public string MeasureCode { get; init; } = "";
        public string Period { get; init; } = "";
        public string Text { get; init; } = "";
        public int? Revision { get; init; }
        public string Author { get; init; } = "";
        public string AuthorOrg { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public long MeasureId { get; init; }

        public ProviderClaim ToClaim() => new(
            Id, Enum.Parse<ClaimKind>(Kind), MeasureCode, Period, Text, Revision, Author, AuthorOrg, CreatedAt);
    }
}
