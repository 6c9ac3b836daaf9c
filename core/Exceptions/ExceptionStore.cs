using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Exceptions;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Notifications;
using ContractMonitor.Core.Panel;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Exceptions;

/// <summary>
/// Agreed exceptions (issue 20): agreed, extended and ended by the council, expired by the daily
/// job. Each step is an event, audited, and (but for expiry, whose news is what the escalations do
/// next) emailed to the chair and vice-chair once, in the step's own transaction. Ending and expiry
/// mark the measure, so its escalations resume by the rules at the next evaluation.
/// </summary>
internal sealed class ExceptionStore(Database database, EmailSettings settings, TimeProvider clock)
{
    public const string Actor = "system:exceptions";

    private static readonly DialectSql InsertSql = DialectSql.InsertReturningId(
        """
        INSERT INTO AgreedExceptions (ContractId, MeasureId, Reason, FromPeriod, HoldsFrom, MissingHoldsFrom, DeclineHoldsFrom, Until, CreatedBy, CreatedAt)
        """,
        """
        VALUES (@ContractId, @MeasureId, @Reason, @FromPeriod, @HoldsFrom, @MissingHoldsFrom, @DeclineHoldsFrom, @Until, @CreatedBy, @CreatedAt)
        """);

    private const string InsertEventSql = """
        INSERT INTO ExceptionEvents (ExceptionId, Type, Until, Note, Actor, ActorOrg, OccurredAt)
        VALUES (@ExceptionId, @Type, @Until, @Note, @Actor, @ActorOrg, @OccurredAt)
        """;

    private const string RatedSql = """
        SELECT Period, Rating, Direction FROM Evaluations WHERE MeasureId = @MeasureId
        """;

    public async Task<WriteResult<AgreedException>> CreateAsync(
        Contract contract, Measure measure, Caller caller, CreateExceptionRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        if (!Period.TryParse(request.FromPeriod.Trim(), measure.Frequency, out var from, out var error))
        {
            return WriteResult.Rejected<AgreedException>("fromPeriod", error);
        }

        if (!measure.Owes(from) || !from.Overlaps(contract.StartDate, contract.EndDate))
        {
            return WriteResult.Rejected<AgreedException>("fromPeriod", $"{measure.Code} owes no figure for {from}.");
        }

        if (request.Until is not { } until || until < today)
        {
            return WriteResult.Rejected<AgreedException>("until", $"'until' must be today, {today:yyyy-MM-dd}, or later.");
        }

        if (LastDay(contract) is var last && until > last)
        {
            return WriteResult.Rejected<AgreedException>("until", $"'until' must be on or before {last:yyyy-MM-dd}, the contract's last day.");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The evaluation's own lock, then the contract row: no run in flight rates a period after this reads the latest rated one.
        await connection.ExecuteAsync(new CommandDefinition(database.Dialect[ContractEvaluator.LockSql],
            new { Resource = $"contractmonitor:evaluate:{contract.Id}" }, transaction, cancellationToken: cancellationToken));
        await TouchAsync(transaction, contract.Id, cancellationToken);
        // For each reason the hold starts after the last period that said something to it: what the
        // chairs were told stands, and a period that said nothing yet (Missing, to a failure) is held
        // whatever arrives for it later. An exception holding the measure now carries on into this one:
        // the periods it held were never told.
        var rated = (await connection.QueryAsync<(string Period, string Rating, string? Direction)>(new CommandDefinition(RatedSql,
                new { MeasureId = measure.Id }, transaction, cancellationToken: cancellationToken)))
            .Select(r => (Period: Period.Parse(r.Period, measure.Frequency), Rating: Enum.Parse<Rating>(r.Rating), r.Direction))
            .ToList();
        var holding = (await ForContractAsync(connection, transaction, contract.Id, cancellationToken))
            .Where(x => x.MeasureId == measure.Id && x.HoldsOn(today)).ToList();
        Period Start(EscalationReason reason, Func<(Period Period, Rating Rating, string? Direction), bool> told)
        {
            var boundary = rated.Where(told).Select(r => (Period?)r.Period).Max() is { } last ? last.Next() : from;
            if (holding.Select(x => (Period?)x.HoldsFromFor(reason)).Min() is { } held && held < boundary)
            {
                boundary = held;
            }

            return boundary > from ? boundary : from;
        }

        var holdsFrom = Start(EscalationReason.SustainedFailure, r => r.Rating is Rating.OnTarget or Rating.WithinTolerance or Rating.Failing);
        var missingFrom = Start(EscalationReason.MissingReturns, r => r.Rating != Rating.NotCollected);
        var declineFrom = Start(EscalationReason.SustainedDecline, r => r.Direction is not null);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Dialect[InsertSql], new
        {
            ContractId = contract.Id,
            MeasureId = measure.Id,
            Reason = request.Reason.Trim(),
            FromPeriod = from.ToString(),
            HoldsFrom = holdsFrom.ToString(),
            MissingHoldsFrom = missingFrom.ToString(),
            DeclineHoldsFrom = declineFrom.ToString(),
            Until = until,
            CreatedBy = caller.Name,
            CreatedAt = now,
        }, transaction, cancellationToken: cancellationToken));
        var step = new ExceptionStep(ExceptionEventType.Agreed, until, null, caller.Name, now);
        var created = new AgreedException(id, contract.Id, measure.Id, measure.Code, request.Reason.Trim(), from, holdsFrom, today, until, null, [step])
        {
            MissingHoldsFrom = missingFrom,
            DeclineHoldsFrom = declineFrom,
        };
        await RecordAsync(transaction, contract, created, step, caller, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Created(created);
    }

    private const string ExtendSql = """
        UPDATE AgreedExceptions SET Until = @Until
        WHERE Id = @Id AND Until = @Before AND EndedOn IS NULL AND ExpiredAt IS NULL AND Until >= @Today
        """;

    public async Task<WriteResult<AgreedException>> ExtendAsync(
        Contract contract, AgreedException exception, Caller caller, ExtendExceptionRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (exception.StatusOn(UkCalendar.DateOf(now)) != ExceptionStatus.Holding)
        {
            return WriteResult.Conflict<AgreedException>("Only an exception that still holds can be extended; agree a new one.");
        }

        if (request.Until is not { } until || until <= exception.Until)
        {
            return WriteResult.Rejected<AgreedException>("until", $"'until' must be after the day it holds until now, {exception.Until:yyyy-MM-dd}.");
        }

        if (LastDay(contract) is var last && until > last)
        {
            return WriteResult.Rejected<AgreedException>("until", $"'until' must be on or before {last:yyyy-MM-dd}, the contract's last day.");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await TouchAsync(transaction, contract.Id, cancellationToken);
        if (await connection.ExecuteAsync(new CommandDefinition(ExtendSql, new { exception.Id, Until = until, Before = exception.Until, Today = UkCalendar.DateOf(now) },
                transaction, cancellationToken: cancellationToken)) == 0)
        {
            return WriteResult.Conflict<AgreedException>("The exception changed meanwhile: read it again.");
        }

        var step = new ExceptionStep(ExceptionEventType.Extended, until, request.Reason.Trim(), caller.Name, now);
        var extended = exception with { Until = until, Steps = [.. exception.Steps, step] };
        await RecordAsync(transaction, contract, extended, step, caller, exception, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(extended);
    }

    private const string EndSql = "UPDATE AgreedExceptions SET EndedOn = @Today WHERE Id = @Id AND EndedOn IS NULL AND Until >= @Today";

    public async Task<WriteResult<AgreedException>> EndAsync(
        Contract contract, AgreedException exception, Caller caller, EndExceptionRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await TouchAsync(transaction, contract.Id, cancellationToken);
        if (exception.StatusOn(today) != ExceptionStatus.Holding
            || await connection.ExecuteAsync(new CommandDefinition(EndSql, new { exception.Id, Today = today }, transaction,
                cancellationToken: cancellationToken)) == 0)
        {
            return WriteResult.Conflict<AgreedException>("The exception no longer holds: it has ended or expired.");
        }

        var step = new ExceptionStep(ExceptionEventType.Ended, exception.Until, request.Reason.Trim(), caller.Name, now);
        var ended = exception with { EndedOn = today, Steps = [.. exception.Steps, step] };
        await RecordAsync(transaction, contract, ended, step, caller, exception, cancellationToken);
        await MarkAsync(transaction, ended, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(ended);
    }

    private const string DueToExpireSql = """
        SELECT x.Id, x.ContractId FROM AgreedExceptions x
        WHERE x.Until < @Today AND x.EndedOn IS NULL AND x.ExpiredAt IS NULL
        """;

    private const string ReferenceSql = "SELECT Reference FROM Contracts WHERE Id = @ContractId";

    private const string ExpireSql = """
        UPDATE AgreedExceptions SET ExpiredAt = @Now WHERE Id = @Id AND ExpiredAt IS NULL AND EndedOn IS NULL AND Until < @Today
        """;

    /// <summary>
    /// Records the expiry of every exception whose last day has passed, once (compare-and-set), and
    /// marks its measure: the next evaluation resumes its escalations and emails what they did.
    /// </summary>
    /// <returns>How many expired.</returns>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        await using var connection = await database.OpenAsync(cancellationToken);
        var due = (await connection.QueryAsync<(long Id, long ContractId)>(new CommandDefinition(DueToExpireSql, new { Today = today },
            cancellationToken: cancellationToken))).ToList();
        var expired = 0;
        var system = new Caller(Actor, "system", Role.Admin);
        foreach (var (id, contractId) in due)
        {
            expired += await DbRetry.RunAsync(async () =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                // The contract row first, as every other write of the contract takes it.
                await TouchAsync(transaction, contractId, cancellationToken);
                if (await connection.ExecuteAsync(new CommandDefinition(ExpireSql, new { Id = id, Now = now, Today = today }, transaction,
                        cancellationToken: cancellationToken)) == 0)
                {
                    return 0;
                }

                var exception = (await ReadAsync(connection, transaction, id, null, cancellationToken))!;
                var reference = await connection.QuerySingleAsync<string>(new CommandDefinition(ReferenceSql, new { ContractId = contractId },
                    transaction, cancellationToken: cancellationToken));
                var step = new ExceptionStep(ExceptionEventType.Expired, exception.Until, null, Actor, now);
                await InsertEventAsync(transaction, exception.Id, step, system.Org, cancellationToken);
                await AuditLog.WriteAsync(transaction, system, now, new AuditEntry("exception.expired", "Exception",
                    id.ToString(CultureInfo.InvariantCulture), contractId, null, new { exception.Until }), cancellationToken);
                await EmailChairsAsync(transaction, contractId, reference, exception, step, cancellationToken);
                await MarkAsync(transaction, exception, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return 1;
            }, races: 0);
        }

        return expired;
    }

    private const string SelectSql = """
        SELECT x.Id, x.ContractId, x.MeasureId, m.Code AS MeasureCode, m.Frequency, x.Reason, x.FromPeriod, x.HoldsFrom,
               x.MissingHoldsFrom, x.DeclineHoldsFrom, x.Until,
               x.EndedOn, x.CreatedAt
        FROM AgreedExceptions x
        JOIN Measures m ON m.Id = x.MeasureId
        """;

    private const string EventsSql = """
        SELECT e.ExceptionId, e.Type, e.Until, e.Note, e.Actor, e.OccurredAt
        FROM ExceptionEvents e
        JOIN AgreedExceptions x ON x.Id = e.ExceptionId
        WHERE x.ContractId = @ContractId AND (@Id IS NULL OR x.Id = @Id)
        ORDER BY e.Id
        """;

    private const string FindVisibleSql = SelectSql + """

        WHERE x.Id = @Id AND x.ContractId IN (
        """ + Visibility.VisibleContractIdsSql + ")";

    /// <summary>The exception, if the caller's organisation can see its contract.</summary>
    public async Task<AgreedException?> FindVisibleAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadAsync(connection, null, id, caller, cancellationToken);
    }

    private const string ForContractSql = SelectSql + """

        WHERE x.ContractId = @ContractId
        ORDER BY x.Id
        """;

    /// <summary>Every exception of the contract, oldest first, with its steps.</summary>
    public async Task<IReadOnlyList<AgreedException>> ListAsync(long contractId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ForContractAsync(connection, null, contractId, cancellationToken);
    }

    internal static async Task<IReadOnlyList<AgreedException>> ForContractAsync(
        DbConnection connection, DbTransaction? transaction, long contractId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ExceptionRow>(new CommandDefinition(ForContractSql, new { ContractId = contractId }, transaction,
            cancellationToken: cancellationToken));
        var steps = await StepsAsync(connection, transaction, contractId, null, cancellationToken);
        return rows.Select(r => r.ToException(steps[r.Id].ToList())).ToList();
    }

    private static async Task<AgreedException?> ReadAsync(
        DbConnection connection, DbTransaction? transaction, long id, Caller? caller, CancellationToken cancellationToken)
    {
        var row = caller is null
            ? await connection.QuerySingleOrDefaultAsync<ExceptionRow>(new CommandDefinition(SelectSql + "\nWHERE x.Id = @Id", new { Id = id },
                transaction, cancellationToken: cancellationToken))
            : await connection.QuerySingleOrDefaultAsync<ExceptionRow>(new CommandDefinition(FindVisibleSql,
                new { Id = id, caller.CommissionerOrg, caller.ProviderOrg }, transaction, cancellationToken: cancellationToken));
        return row?.ToException((await StepsAsync(connection, transaction, row.ContractId, id, cancellationToken))[id].ToList());
    }

    private static async Task<ILookup<long, ExceptionStep>> StepsAsync(
        DbConnection connection, DbTransaction? transaction, long contractId, long? id, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<StepRow>(new CommandDefinition(EventsSql, new { ContractId = contractId, Id = id }, transaction,
            cancellationToken: cancellationToken)))
        .ToLookup(s => s.ExceptionId, s => new ExceptionStep(Enum.Parse<ExceptionEventType>(s.Type), s.Until, s.Note, s.Actor, s.OccurredAt));

    /// <summary>The step's event, its audit row and its email to the chair and vice-chair, in the step's transaction.</summary>
    private async Task RecordAsync(
        DbTransaction transaction, Contract contract, AgreedException exception, ExceptionStep step, Caller caller, AgreedException? before,
        CancellationToken cancellationToken)
    {
        await InsertEventAsync(transaction, exception.Id, step, caller.Org, cancellationToken);
        await AuditLog.WriteAsync(transaction, caller, step.OccurredAt, new AuditEntry(
            $"exception.{step.Type.ToString().ToLowerInvariant()}", "Exception", exception.Id.ToString(CultureInfo.InvariantCulture), contract.Id,
            before is null ? null : Audited(before, null), Audited(exception, step.Note)), cancellationToken);
        await EmailChairsAsync(transaction, contract.Id, contract.Reference, exception, step, cancellationToken);
    }

    private async Task EmailChairsAsync(
        DbTransaction transaction, long contractId, string reference, AgreedException exception, ExceptionStep step, CancellationToken cancellationToken)
    {
        var content = ExceptionEmail.Render(reference, contractId, exception, step, settings.BaseUrl);
        await ChairEmails.WriteAsync(transaction, contractId, NotificationKind.Exception, content, step.OccurredAt, null, cancellationToken);
    }

    private static Task<int> InsertEventAsync(DbTransaction transaction, long exceptionId, ExceptionStep step, string org, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertEventSql, new
        {
            ExceptionId = exceptionId,
            Type = step.Type.ToString(),
            step.Until,
            step.Note,
            step.Actor,
            ActorOrg = org,
            step.OccurredAt,
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>The measure's escalations are replayed at the next evaluation, without the hold.</summary>
    private Task MarkAsync(DbTransaction transaction, AgreedException exception, DateTimeOffset now, CancellationToken cancellationToken) =>
        PendingEvaluations.MarkAsync(transaction, database.Dialect, [new PendingEvaluations.Mark(exception.MeasureId, exception.HoldsFrom)],
            EvaluationReason.Exception, now, cancellationToken);

    private static Task<int> TouchAsync(DbTransaction transaction, long contractId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(ContractStore.TouchSql, new { ContractId = contractId }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>An exception holds at most to the contract's last day, and never past the calendar's.</summary>
    private static DateOnly LastDay(Contract contract) => contract.EndDate ?? new DateOnly(Period.MaxYear - 1, 12, 31);

    private static object Audited(AgreedException x, string? note) => new
    {
        x.MeasureCode, x.Reason, FromPeriod = x.FromPeriod.ToString(), HoldsFrom = x.HoldsFrom.ToString(), x.Until, x.EndedOn, Note = note,
    };

    private sealed record ExceptionRow
    {
        public long Id { get; init; }
        public long ContractId { get; init; }
        public long MeasureId { get; init; }
        public string MeasureCode { get; init; } = "";
        public string Frequency { get; init; } = "";
        public string Reason { get; init; } = "";
        public string FromPeriod { get; init; } = "";
        public string HoldsFrom { get; init; } = "";
        public string? MissingHoldsFrom { get; init; }
        public string? DeclineHoldsFrom { get; init; }
        public DateOnly Until { get; init; }
        public DateOnly? EndedOn { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public AgreedException ToException(IReadOnlyList<ExceptionStep> steps)
        {
            var frequency = Enum.Parse<ContractMonitor.Contracts.Measures.Frequency>(Frequency);
            return new AgreedException(Id, ContractId, MeasureId, MeasureCode, Reason, Period.Parse(FromPeriod, frequency),
                Period.Parse(HoldsFrom, frequency), UkCalendar.DateOf(CreatedAt), Until, EndedOn, steps)
            {
                MissingHoldsFrom = MissingHoldsFrom is null ? null : Period.Parse(MissingHoldsFrom, frequency),
                DeclineHoldsFrom = DeclineHoldsFrom is null ? null : Period.Parse(DeclineHoldsFrom, frequency),
            };
        }
    }

    private sealed record StepRow
    {
        public long ExceptionId { get; init; }
        public string Type { get; init; } = "";
        public DateOnly Until { get; init; }
        public string? Note { get; init; }
        public string Actor { get; init; } = "";
        public DateTimeOffset OccurredAt { get; init; }
    }
}
