using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;
using Dapper;

namespace ContractMonitor.Core.Challenges;

/// <summary>Which challenges of a contract to read; every filter left null matches all.</summary>
/// <param name="OpenOrFrom">Challenges on periods starting on or after this date, and unclosed ones on earlier periods.</param>
/// <param name="KnownAt">
/// The challenges as they stood before this instant (DESIGN §5, knownAt): those written by then, with
/// the responses written by then, the status those left, and the revision that counted then.
/// </param>
internal sealed record ChallengeQuery(
    long ContractId,
    long? Id = null,
    long? MeasureId = null,
    string? Period = null,
    ChallengeStatus? Status = null,
    DateOnly? Until = null,
    DateOnly? OpenOrFrom = null,
    DateTimeOffset? KnownAt = null);

/// <summary>
/// The council's challenges (DESIGN §3.5), each pinned to the return revision current when it was
/// written, with the trust's responses. Status changes are compare-and-set on the row, so a
/// response and a close that race on SQL Server cannot both win.
/// </summary>
internal sealed class ChallengeStore(Database database, TimeProvider clock)
{
    // Not a statement on its own, so not named …Sql: the reflection tests parse every …Sql field.
    private const string WhereChallenges = """

        WHERE ch.ContractId = @ContractId
          AND (@Id IS NULL OR ch.Id = @Id)
          AND (@MeasureId IS NULL OR ch.MeasureId = @MeasureId)
          AND (@Period IS NULL OR ch.Period = @Period)
          AND (@Status IS NULL OR ch.Status = @Status)
          AND (@Until IS NULL OR ch.PeriodStart <= @Until)
          AND (@OpenOrFrom IS NULL OR ch.PeriodStart >= @OpenOrFrom OR ch.ClosedAt IS NULL OR ch.ClosedAt >= @KnownAt)
          AND (@KnownAt IS NULL OR ch.CreatedAt < @KnownAt)
        """;

    private const string ChallengesSql = """
        SELECT ch.Id, ch.ContractId, m.Code AS MeasureCode, ch.Period, ch.Text, ch.Status, ch.Outcome, ch.CloseNote,
               ch.ResponseDueDate, ch.ReturnRevision, pinned.Value AS ChallengedValue,
               r.Revision AS CurrentRevision, r.Value AS CurrentValue,
               ch.CreatedBy, ch.CreatedByOrg, ch.CreatedAt, ch.ClosedBy, ch.ClosedAt
        FROM Challenges ch
        JOIN Measures m ON m.Id = ch.MeasureId
        LEFT JOIN Returns pinned
            ON pinned.MeasureId = ch.MeasureId AND pinned.Period = ch.Period AND pinned.Revision = ch.ReturnRevision
        LEFT JOIN Returns r
            ON r.MeasureId = ch.MeasureId AND r.Period = ch.Period AND
        """ + ReturnStore.CurrentRevisionCondition + WhereChallenges + """

        ORDER BY ch.Id
        """;

    private const string RepliesSql = """
        SELECT x.Id, x.ChallengeId, x.Text, x.ReturnRevision AS Revision, x.Author, x.AuthorOrg, x.CreatedAt
        FROM ChallengeResponses x
        JOIN Challenges ch ON ch.Id = x.ChallengeId
        """ + WhereChallenges + """

          AND (@KnownAt IS NULL OR x.CreatedAt < @KnownAt)
        ORDER BY x.Id
        """;

    /// <summary>
    /// The challenges a query selects with their responses, oldest first: two statements however
    /// many challenges there are.
    /// </summary>
    internal static async Task<IReadOnlyList<Challenge>> ReadAsync(
        DbConnection connection, DbTransaction? transaction, ChallengeQuery query, DateOnly today, CancellationToken cancellationToken)
    {
        var args = new
        {
            query.ContractId,
            query.Id,
            query.MeasureId,
            query.Period,
            Status = query.Status?.ToString(),
            query.Until,
            query.OpenOrFrom,
            query.KnownAt,
        };
        var challenges = (await connection.QueryAsync<ChallengeRow>(new CommandDefinition(
            ChallengesSql, args, transaction, cancellationToken: cancellationToken))).ToList();
        if (challenges.Count == 0)
        {
            return [];
        }

        var replies = (await connection.QueryAsync<ReplyRow>(new CommandDefinition(
            RepliesSql, args, transaction, cancellationToken: cancellationToken))).ToLookup(r => r.ChallengeId);
        return challenges.Select(c => c.ToChallenge(replies[c.Id].Select(r => r.ToReply()).ToList(), today, query.KnownAt)).ToList();
    }

    /// <summary>A visible contract's challenges; the caller has checked visibility.</summary>
    public async Task<IReadOnlyList<Challenge>> ListAsync(
        long contractId, Measure? measure, Period? period, ChallengeFilter filter, CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(clock);
        await using var connection = await database.OpenAsync(cancellationToken);
        var status = filter switch
        {
            ChallengeFilter.All => (ChallengeStatus?)null,
            ChallengeFilter.Overdue => ChallengeStatus.Open,
            _ => Enum.Parse<ChallengeStatus>(filter.ToString()),
        };
        var challenges = await ReadAsync(connection, null,
            new ChallengeQuery(contractId, MeasureId: measure?.Id, Period: period?.ToString(), Status: status), today, cancellationToken);
        return filter == ChallengeFilter.Overdue ? challenges.Where(c => c.Overdue).ToList() : challenges;
    }

    private const string VisibleSql = """
        SELECT ch.ContractId
        FROM Challenges ch
        WHERE ch.Id = @Id AND ch.ContractId IN (
        """ + Visibility.VisibleContractIdsSql + ")";

    /// <summary>The challenge if the caller's organisation commissions or provides its contract; otherwise null.</summary>
    public async Task<Challenge?> FindVisibleAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindVisibleAsync(connection, null, id, caller, UkCalendar.Today(clock), cancellationToken);
    }

    private static async Task<Challenge?> FindVisibleAsync(
        DbConnection connection, DbTransaction? transaction, long id, Caller caller, DateOnly today, CancellationToken cancellationToken)
    {
        var contractId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            VisibleSql, new { Id = id, caller.CommissionerOrg, caller.ProviderOrg }, transaction, cancellationToken: cancellationToken));
        return contractId is { } c
            ? (await ReadAsync(connection, transaction, new ChallengeQuery(c, Id: id), today, cancellationToken)).Single()
            : null;
    }

    private static readonly DialectSql InsertSql = DialectSql.InsertReturningId(
        """
        INSERT INTO Challenges (ContractId, MeasureId, Period, PeriodStart, Text, ReturnRevision, ResponseDueDate, Status,
                                CreatedBy, CreatedByOrg, CreatedAt)
        """,
        """
        VALUES (@ContractId, @MeasureId, @Period, @PeriodStart, @Text, @ReturnRevision, @ResponseDueDate, @Status,
                @CreatedBy, @CreatedByOrg, @CreatedAt)
        """);

    /// <summary>Writes a challenge pinned to the revision that counts now (none, if no return has been sent).</summary>
    public async Task<Challenge> CreateAsync(
        Contract contract, Caller caller, MeasurePeriod about, string text, DateOnly? responseDueDate,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var period = about.Period.ToString();
        var revision = await ReturnStore.CurrentRevisionAsync(transaction, contract, about.Measure, about.Period, cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Dialect[InsertSql], new
        {
            ContractId = contract.Id,
            MeasureId = about.Measure.Id,
            Period = period,
            PeriodStart = about.Period.Start,
            Text = text.Trim(),
            ReturnRevision = revision,
            ResponseDueDate = responseDueDate,
            Status = nameof(ChallengeStatus.Open),
            CreatedBy = caller.Name,
            CreatedByOrg = caller.Org,
            CreatedAt = now,
        }, transaction, cancellationToken: cancellationToken));
        var created = (await ReadAsync(connection, transaction, new ChallengeQuery(contract.Id, Id: id), UkCalendar.DateOf(now), cancellationToken))
            .Single();
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry(
            "challenge.created", "Challenge", id.ToString(CultureInfo.InvariantCulture), contract.Id, null, created), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    // The status is set by compare-and-set: once Closed, no response can be added, even by a
    // request that read the challenge before it was closed.
    private const string MarkRespondedSql = """
        UPDATE Challenges SET Status = @Status WHERE Id = @Id AND Status <> 'Closed'
        """;

    private const string InsertReplySql = """
        INSERT INTO ChallengeResponses (ChallengeId, Text, ReturnRevision, Author, AuthorOrg, CreatedAt)
        VALUES (@ChallengeId, @Text, @ReturnRevision, @Author, @AuthorOrg, @CreatedAt)
        """;

    /// <summary>
    /// Adds the trust's response; the first moves the challenge to Responded. A closed challenge
    /// takes no response (Conflict) and nothing is written. Null when the caller cannot see it.
    /// </summary>
    public Task<WriteResult<Challenge>?> RespondAsync(
        long id, Caller caller, string text, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, "challenge.responded", async (before, connection, transaction, now) =>
        {
            var status = ChallengeRules.AfterResponse(before.Status);
            if (status is null || await connection.ExecuteAsync(new CommandDefinition(MarkRespondedSql,
                    new { Id = id, Status = status.ToString() }, transaction, cancellationToken: cancellationToken)) == 0)
            {
                return false;
            }

            await connection.ExecuteAsync(new CommandDefinition(InsertReplySql, new
            {
                ChallengeId = id,
                Text = text.Trim(),
                // Read inside this transaction, so it is the revision the trust could see as it wrote.
                ReturnRevision = before.CurrentRevision,
                Author = caller.Name,
                AuthorOrg = caller.Org,
                CreatedAt = now,
            }, transaction, cancellationToken: cancellationToken));
            return true;
        }, after => after.Responses[^1], cancellationToken);

    private const string CloseSql = """
        UPDATE Challenges
        SET Status = 'Closed', Outcome = @Outcome, CloseNote = @CloseNote, ClosedBy = @ClosedBy, ClosedAt = @ClosedAt
        WHERE Id = @Id AND Status <> 'Closed'
        """;

    /// <summary>
    /// Closes the challenge with the council's outcome. Closing twice is a Conflict and writes
    /// nothing. Null when the caller cannot see it.
    /// </summary>
    public Task<WriteResult<Challenge>?> CloseAsync(
        long id, Caller caller, ChallengeOutcome outcome, string? note, CancellationToken cancellationToken) =>
        ChangeAsync(id, caller, "challenge.closed", async (before, connection, transaction, now) =>
            ChallengeRules.CanClose(before.Status) && await connection.ExecuteAsync(new CommandDefinition(CloseSql, new
            {
                Id = id,
                Outcome = outcome.ToString(),
                CloseNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
                ClosedBy = caller.Name,
                ClosedAt = now,
            }, transaction, cancellationToken: cancellationToken)) > 0,
            after => after with { Responses = [] }, cancellationToken);

    /// <summary>
    /// A status change on a challenge the caller can see, in one transaction: <paramref name="change"/>
    /// writes it, or answers false when the challenge's state refuses it (Conflict, nothing written).
    /// </summary>
    private async Task<WriteResult<Challenge>?> ChangeAsync(
        long id, Caller caller, string action, Func<Challenge, DbConnection, DbTransaction, DateTimeOffset, Task<bool>> change,
        Func<Challenge, object> audited, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await FindVisibleAsync(connection, transaction, id, caller, today, cancellationToken) is not { } before)
        {
            return null;
        }

        if (!await change(before, connection, transaction, now))
        {
            return WriteResult.Conflict<Challenge>(Closed(id, before));
        }

        var after = (await FindVisibleAsync(connection, transaction, id, caller, today, cancellationToken))!;
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry(
            action, "Challenge", id.ToString(CultureInfo.InvariantCulture), before.ContractId,
            before with { Responses = [] }, audited(after)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(after);
    }

    private static string Closed(long id, Challenge challenge) => challenge.ClosedAt is { } at
        ? string.Create(CultureInfo.InvariantCulture,
            $"Challenge {id} was closed as {challenge.Outcome} by {challenge.ClosedBy} at {at:u}; write a new challenge to raise it again.")
        : string.Create(CultureInfo.InvariantCulture, $"Challenge {id} has just been closed; write a new challenge to raise it again.");

    private sealed record ChallengeRow
    {
        public long Id { get; init; }
        public long ContractId { get; init; }
        public string MeasureCode { get; init; } = "";
        public string Period { get; init; } = "";
        public string Text { get; init; } = "";
        public string Status { get; init; } = "";
        public string? Outcome { get; init; }
        public string? CloseNote { get; init; }
        public DateOnly? ResponseDueDate { get; init; }
        public int? ReturnRevision { get; init; }
        public decimal? ChallengedValue { get; init; }
        public int? CurrentRevision { get; init; }
        public decimal? CurrentValue { get; init; }
        public string CreatedBy { get; init; } = "";
        public string CreatedByOrg { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string? ClosedBy { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }

        /// <param name="replies">The responses written before <paramref name="knownAt"/>, when it is set.</param>
        public Challenge ToChallenge(List<Reply> replies, DateOnly today, DateTimeOffset? knownAt)
        {
            var closed = ClosedAt is { } at && (knownAt is null || at < knownAt);
            var status = knownAt is null ? Enum.Parse<ChallengeStatus>(Status) : ChallengeRules.StatusOf(closed, replies.Count);
            return new Challenge(
                Id, ContractId, MeasureCode, Period, Text, status, closed && Outcome is not null ? Enum.Parse<ChallengeOutcome>(Outcome) : null,
                closed ? CloseNote : null, ResponseDueDate, ChallengeRules.IsOverdue(status, ResponseDueDate, today),
                ReturnRevision, ReturnRevision is null, ChallengedValue, CurrentRevision, CurrentValue,
                CurrentRevision is { } current && current != (ReturnRevision ?? 0),
                CreatedBy, CreatedByOrg, CreatedAt, closed ? ClosedBy : null, closed ? ClosedAt : null, replies);
        }
    }

    private sealed record ReplyRow
    {
        public long Id { get; init; }
        public long ChallengeId { get; init; }
        public string Text { get; init; } = "";
        public int? Revision { get; init; }
        public string Author { get; init; } = "";
        public string AuthorOrg { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }

        public Reply ToReply() => new(Id, Text, Revision, Author, AuthorOrg, CreatedAt);
    }
}
