using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Idempotency;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Text;
using Dapper;

namespace ContractMonitor.Core.Papers;

/// <summary>A published paper's frozen Word document: its exact bytes and their SHA-256.</summary>
internal sealed record PaperDocumentBytes(byte[] Bytes, string Hash, string Title);

/// <summary>
/// Published papers (issue 18). Publishing builds the paper as known at that moment and stores its
/// content and the exact bytes of its Word document; nothing ever changes either. A paper is never
/// deleted: withdrawing one marks it, with who, when and why.
/// </summary>
internal sealed class PaperStore(Database database, PaperBuilder builder, PaperChanges changes, TimeProvider clock)
{
    private static readonly DialectSql InsertSql = DialectSql.InsertReturningId(
        """
        INSERT INTO Papers (ContractId, Period, Title, MeetingDate, KnownAt, PublishedAt, PublishedBy, Content, Document, Hash)
        """,
        """
        VALUES (@ContractId, @Period, @Title, @MeetingDate, @KnownAt, @PublishedAt, @PublishedBy, @Content, @Document, @Hash)
        """);

    /// <param name="formKey">
    /// The key of the form that asks, so that the same form sent twice (a double click, a resend)
    /// publishes once and answers the first paper again; a paper can never be deleted.
    /// </param>
    public async Task<PublishedPaper> PublishAsync(
        Contract contract, Caller caller, Period period, DateOnly meetingDate, string title, CancellationToken cancellationToken,
        string? formKey = null)
    {
        // The same form published by a request racing this one breaks the form key: the next attempt answers its paper.
        return await DbRetry.RunAsync(() => TryPublishAsync(contract, caller, period, meetingDate, title, formKey, cancellationToken),
            races: formKey is null ? 0 : DbRetry.MaxRaces);
    }

    private async Task<PublishedPaper> TryPublishAsync(
        Contract contract, Caller caller, Period period, DateOnly meetingDate, string title, string? formKey, CancellationToken cancellationToken)
    {
        var keyHash = formKey is null ? null : IdempotencyKeys.HashOf(caller, $"paper:{contract.Id}:{formKey}");
        var now = clock.GetUtcNow();
        var knownAt = PastKnowledge.Now(clock);
        var content = await builder.BuildAsync(contract, period, title, caller.Name, knownAt, cancellationToken);
        var document = PaperDocument.Build(content);
        var paper = new PublishedPaper(0, contract.Id, period.ToString(), title, meetingDate, knownAt, now, caller.Name,
            Convert.ToHexStringLower(SHA256.HashData(document)), false, null, null, null);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var request = new IdempotentRequest(formKey ?? "", IdempotencyKeys.Sha256($"{contract.Id}\n{period}\n{meetingDate:yyyy-MM-dd}\n{title}"),
            201, null);
        if (keyHash is not null)
        {
            if (await IdempotencyKeys.FindAsync(connection, transaction, keyHash, cancellationToken) is { } earlier)
            {
                return JsonSerializer.Deserialize<PublishedPaper>(earlier.Body, JsonDefaults.Web)!;
            }

            await IdempotencyKeys.ReserveAsync(transaction, caller, keyHash, request.RequestHash, now, cancellationToken);
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Dialect[InsertSql], new
        {
            paper.ContractId, paper.Period, paper.Title, paper.MeetingDate, paper.KnownAt, paper.PublishedAt, paper.PublishedBy,
            Content = JsonSerializer.Serialize(content, JsonDefaults.Web), Document = document, paper.Hash,
        }, transaction, cancellationToken: cancellationToken));
        paper = paper with { Id = id };
        await AuditLog.WriteAsync(transaction, caller, now,
            new AuditEntry("paper.published", "Paper", id.ToString(CultureInfo.InvariantCulture), contract.Id, null, paper), cancellationToken);
        if (keyHash is not null)
        {
            await IdempotencyKeys.CompleteAsync(transaction, keyHash, request, paper, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return paper;
    }

    private const string SelectSql = """
        SELECT p.Id, p.ContractId, p.Period, p.Title, p.MeetingDate, p.KnownAt, p.PublishedAt, p.PublishedBy, p.Hash,
               p.WithdrawnAt, p.WithdrawnBy, p.WithdrawnReason
        FROM Papers p
        """;

    private const string ListSql = SelectSql + """

        WHERE p.ContractId = @ContractId
        ORDER BY p.PublishedAt DESC, p.Id DESC
        """;

    /// <summary>Every paper published for the contract, withdrawn ones too, newest first.</summary>
    public async Task<IReadOnlyList<PublishedPaper>> ListAsync(long contractId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<PaperRow>(new CommandDefinition(ListSql, new { ContractId = contractId },
            cancellationToken: cancellationToken))).Select(r => r.ToPaper()).ToList();
    }

    private const string VisibleCondition = """
        WHERE p.Id = @Id AND p.ContractId IN (
        """ + Visibility.VisibleContractIdsSql + ")";

    private const string FindVisibleSql = SelectSql + "\n" + VisibleCondition;

    /// <summary>The paper if the caller's organisation commissions or provides its contract; otherwise null.</summary>
    public async Task<PublishedPaper?> FindVisibleAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindVisibleAsync(connection, null, id, caller, cancellationToken);
    }

    private static async Task<PublishedPaper?> FindVisibleAsync(
        DbConnection connection, DbTransaction? transaction, long id, Caller caller, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<PaperRow>(new CommandDefinition(FindVisibleSql,
            new { Id = id, caller.CommissionerOrg, caller.ProviderOrg }, transaction, cancellationToken: cancellationToken)))?.ToPaper();

    private const string ContentSql = "SELECT p.Content FROM Papers p\n" + VisibleCondition;

    /// <summary>The content exactly as frozen, as the JSON text it was stored as.</summary>
    public async Task<string?> ContentAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(ContentSql,
            new { Id = id, caller.CommissionerOrg, caller.ProviderOrg }, cancellationToken: cancellationToken));
    }

    private const string DocumentSql = "SELECT p.Document AS Bytes, p.Hash, p.Title FROM Papers p\n" + VisibleCondition;

    public async Task<PaperDocumentBytes?> DocumentAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<PaperDocumentBytes>(new CommandDefinition(DocumentSql,
            new { Id = id, caller.CommissionerOrg, caller.ProviderOrg }, cancellationToken: cancellationToken));
    }

    /// <summary>What was recorded after the paper was published that it does not show.</summary>
    public Task<IReadOnlyList<PaperChange>> ChangesSinceAsync(PublishedPaper paper, CancellationToken cancellationToken) =>
        changes.BetweenAsync(paper.ContractId, paper.KnownAt, PastKnowledge.Now(clock), UkCalendar.DayEndedBy(paper.KnownAt), cancellationToken);

    private const string WithdrawSql = """
        UPDATE Papers SET WithdrawnAt = @At, WithdrawnBy = @By, WithdrawnReason = @Reason
        WHERE Id = @Id AND WithdrawnAt IS NULL
        """;

    /// <summary>Marks a paper withdrawn; it stays listed, frozen. Null when the caller cannot see it.</summary>
    public async Task<WriteResult<PublishedPaper>?> WithdrawAsync(long id, Caller caller, string reason, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindVisibleAsync(connection, transaction, id, caller, cancellationToken) is not { } before)
        {
            return null;
        }

        var changed = await connection.ExecuteAsync(new CommandDefinition(WithdrawSql,
            new { Id = id, At = now, By = caller.Name, Reason = reason }, transaction, cancellationToken: cancellationToken));
        if (changed == 0)
        {
            return WriteResult.Conflict<PublishedPaper>(
                $"Paper {id} was withdrawn by {before.WithdrawnBy}, {Words.Time(before.WithdrawnAt!.Value)}: {before.WithdrawnReason}");
        }

        var after = before with { Withdrawn = true, WithdrawnAt = now, WithdrawnBy = caller.Name, WithdrawnReason = reason };
        await AuditLog.WriteAsync(transaction, caller, now,
            new AuditEntry("paper.withdrawn", "Paper", id.ToString(CultureInfo.InvariantCulture), before.ContractId, before, after), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(after);
    }

    private sealed record PaperRow
    {
        public long Id { get; init; }
        public long ContractId { get; init; }
        public string Period { get; init; } = "";
        public string Title { get; init; } = "";
        public DateOnly MeetingDate { get; init; }
        public DateTimeOffset KnownAt { get; init; }
        public DateTimeOffset PublishedAt { get; init; }
        public string PublishedBy { get; init; } = "";
        public string Hash { get; init; } = "";
        public DateTimeOffset? WithdrawnAt { get; init; }
        public string? WithdrawnBy { get; init; }
        public string? WithdrawnReason { get; init; }

        public PublishedPaper ToPaper() => new(Id, ContractId, Period, Title, MeetingDate, KnownAt, PublishedAt, PublishedBy, Hash,
            WithdrawnAt is not null, WithdrawnAt, WithdrawnBy, WithdrawnReason);
    }
}
