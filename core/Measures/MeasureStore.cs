using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Measures;

internal sealed class MeasureStore(Database database, TimeProvider clock)
{
    private static readonly DialectSql InsertSql = DialectSql.InsertReturningId(
        """
        INSERT INTO Measures (ContractId, Code, Title, Definition, Category, Unit, Polarity, Frequency, Decimals, StartPeriod, Rollup, CreatedAt)
        """,
        """
        VALUES (@ContractId, @Code, @Title, @Definition, @Category, @Unit, @Polarity, @Frequency, @Decimals, @StartPeriod, @Rollup, @CreatedAt)
        """);

    private const string TermSql = """
        SELECT StartDate, EndDate FROM Contracts WHERE Id = @ContractId
        """;

    /// <summary>Adds a measure to a contract the caller administers; the request is validated.</summary>
    public async Task<WriteResult<Measure>> CreateAsync(
        long contractId, Caller caller, CreateMeasureRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var term = await connection.QuerySingleAsync<TermRow>(new CommandDefinition(
            TermSql, new { ContractId = contractId }, transaction, cancellationToken: cancellationToken));
        var frequency = request.Frequency!.Value;
        Period start;
        if (request.StartPeriod is { } text)
        {
            if (!Period.TryParse(text.Trim(), frequency, out start, out var error))
            {
                return WriteResult.Rejected<Measure>("startPeriod", error);
            }

            if (!start.Overlaps(term.StartDate, term.EndDate))
            {
                return WriteResult.Rejected<Measure>("startPeriod", ContractTerm.Outside(start.ToString(), term.StartDate, term.EndDate));
            }
        }
        else
        {
            start = MeasureStart.Default(frequency, term.StartDate, UkCalendar.DateOf(now));
        }

        var measure = new Measure(0, contractId,
            NormaliseCode(request.Code), request.Title.Trim(), request.Definition?.Trim() ?? "", request.Category?.Trim() ?? "",
            request.Unit!.Value, request.Polarity!.Value, frequency, request.Decimals ?? 0, start, request.Rollup);
        if (await FindAsync(connection, transaction, contractId, measure.Code, cancellationToken) is not null)
        {
            return WriteResult.Conflict<Measure>($"This contract already has a measure with code '{measure.Code}'.");
        }

        try
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Dialect[InsertSql], new
            {
                ContractId = contractId,
                measure.Code,
                measure.Title,
                measure.Definition,
                measure.Category,
                Unit = measure.Unit.ToString(),
                Polarity = measure.Polarity.ToString(),
                Frequency = measure.Frequency.ToString(),
                measure.Decimals,
                StartPeriod = measure.StartPeriod.ToString(),
                Rollup = measure.ChosenRollup?.ToString(),
                CreatedAt = now,
            }, transaction, cancellationToken: cancellationToken));
            var created = measure with { Id = id };
            // The audit records the measure as it was defined, as it always has: its ids are the entry's own fields.
            var definition = new
            {
                created.Code, created.Title, created.Definition, created.Category, created.Unit, created.Polarity, created.Frequency,
                created.Decimals, created.StartPeriod, created.ChosenRollup,
            };
            await AuditLog.WriteAsync(transaction, caller, now,
                new AuditEntry("measure.created", "Measure", id.ToString(CultureInfo.InvariantCulture), contractId, null, definition),
                cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(ContractStore.TouchSql, new { ContractId = contractId }, transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return WriteResult.Created(created);
        }
        catch (DbException ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return WriteResult.Conflict<Measure>($"This contract already has a measure with code '{measure.Code}'.");
        }
    }

    private const string ListSql = """
        SELECT m.Id, m.ContractId, m.Code, m.Title, m.Definition, m.Category, m.Unit, m.Polarity, m.Frequency, m.Decimals,
               m.StartPeriod, m.Rollup, m.UnitLabel, m.RetiredFrom, m.RetirementReason, m.RetiredAt, c.StartDate AS ContractStart
        FROM Measures m
        JOIN Contracts c ON c.Id = m.ContractId
        WHERE m.ContractId = @ContractId
        ORDER BY m.Code
        """;

    public async Task<IReadOnlyList<Measure>> ListAsync(long contractId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<MeasureRow>(new CommandDefinition(
            ListSql, new { ContractId = contractId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToMeasure()).ToList();
    }

    public async Task<Measure?> FindAsync(long contractId, string code, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await FindAsync(connection, null, contractId, NormaliseCode(code), cancellationToken);
    }

    private const string FindSql = """
        SELECT m.Id, m.ContractId, m.Code, m.Title, m.Definition, m.Category, m.Unit, m.Polarity, m.Frequency, m.Decimals,
               m.StartPeriod, m.Rollup, m.UnitLabel, m.RetiredFrom, m.RetirementReason, m.RetiredAt, c.StartDate AS ContractStart
        FROM Measures m
        JOIN Contracts c ON c.Id = m.ContractId
        WHERE m.ContractId = @ContractId AND m.Code = @Code
        """;

    internal static async Task<Measure?> FindAsync(
        DbConnection connection, DbTransaction? transaction, long contractId, string code, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<MeasureRow>(new CommandDefinition(
            FindSql, new { ContractId = contractId, Code = code }, transaction, cancellationToken: cancellationToken));
        return row?.ToMeasure();
    }

    /// <summary>Codes are stored upper-case, so <c>b13</c> and <c>B13</c> are one measure on both engines.</summary>
    public static string NormaliseCode(string code) => code.Trim().ToUpperInvariant();

    private sealed record TermRow
    {
        public DateOnly StartDate { get; init; }
        public DateOnly? EndDate { get; init; }
    }

    private sealed record MeasureRow
    {
        public long Id { get; init; }
        public long ContractId { get; init; }
        public string Code { get; init; } = "";
        public string Title { get; init; } = "";
        public string Definition { get; init; } = "";
        public string Category { get; init; } = "";
        public string Unit { get; init; } = "";
        public string Polarity { get; init; } = "";
        public string Frequency { get; init; } = "";
        public int Decimals { get; init; }
        public string? StartPeriod { get; init; }
        public string? Rollup { get; init; }
        public string? UnitLabel { get; init; }
        public string? RetiredFrom { get; init; }
        public string? RetirementReason { get; init; }
        public DateTimeOffset? RetiredAt { get; init; }
        public DateOnly ContractStart { get; init; }

        public Measure ToMeasure()
        {
            var frequency = Enum.Parse<Frequency>(Frequency);
            return new(Id, ContractId, Code, Title, Definition, Category, Enum.Parse<MeasureUnit>(Unit), Enum.Parse<Polarity>(Polarity),
                frequency, Decimals, MeasureStart.Effective(StartPeriod, frequency, ContractStart),
                Rollup is null ? null : Enum.Parse<Rollup>(Rollup), UnitLabel,
                RetiredFrom is null ? null : Period.Parse(RetiredFrom, frequency), RetirementReason)
            {
                RetiredAt = RetiredAt,
            };
        }
    }
}
