using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Measures;

/// <summary>A version of a measure's definition, from the period it applies to.</summary>
internal sealed record DefinitionVersion(Period FromPeriod, string Definition, string? Reason, string? SetBy, DateTimeOffset? SetAt);

/// <summary>
/// A measure over the contract's life (issue 20): its words, its start, its definition as versions
/// by period, and its retirement. Every change is audited with its reason, moves the contract's
/// read version, and, where it changes which periods are owed, marks the measure for evaluation,
/// so its ratings and escalations follow by the rules.
/// </summary>
internal sealed class MeasureLifeStore(Database database, TimeProvider clock)
{
    private const string UpdateSql = """
        UPDATE Measures
        SET Title = @Title, Definition = @Definition, Category = @Category, Decimals = @Decimals, UnitLabel = @UnitLabel,
            StartPeriod = @StartPeriod
        WHERE Id = @Id
        """;

    private const string InsertDefinitionSql = """
        INSERT INTO MeasureDefinitions (MeasureId, FromPeriod, FromPeriodStart, Definition, Reason, SetBy, SetAt)
        VALUES (@MeasureId, @FromPeriod, @FromPeriodStart, @Definition, @Reason, @SetBy, @SetAt)
        """;

    /// <summary>Changes what the request names; the request has passed its validator.</summary>
    public async Task<WriteResult<Measure>> EditAsync(
        Contract contract, Measure measure, Caller caller, EditMeasureRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reason = request.Reason.Trim();
        if (measure.Unit == MeasureUnit.Count && request.Decimals is > 0)
        {
            return WriteResult.Rejected<Measure>("decimals", "'decimals' must be 0 for a Count measure.");
        }

        Period start = measure.StartPeriod;
        if (request.StartPeriod is { } startText)
        {
            if (Owned(measure, startText, "startPeriod", contract, out start) is { } refused)
            {
                return refused;
            }
        }

        if (measure.RetiredFrom is { } retiredFrom && start >= retiredFrom)
        {
            return WriteResult.Rejected<Measure>("startPeriod", $"{measure.Code} is retired from {retiredFrom}: its start must be before then.");
        }

        Period? definitionFrom = null;
        if (request.DefinitionFrom is { } fromText)
        {
            if (Owned(measure, fromText, "definitionFrom", contract, out var from) is { } refused)
            {
                return refused;
            }

            if (from < start)
            {
                return WriteResult.Rejected<Measure>("definitionFrom",
                    $"{from} is before {measure.Code}'s startPeriod {start}: a definition applies to periods that are owed.");
            }

            if (measure.RetiredFrom is { } retired && from >= retired)
            {
                return WriteResult.Rejected<Measure>("definitionFrom", $"{measure.Code} is retired from {retired}: no period from then on is owed.");
            }

            definitionFrom = from;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The contract row first: a batch of returns takes it first too, so it sees this change or
        // this change sees its figures, never neither.
        await connection.ExecuteAsync(new CommandDefinition(ContractStore.TouchSql, new { ContractId = contract.Id }, transaction,
            cancellationToken: cancellationToken));
        if (start > measure.StartPeriod
            && await FiguresAsync(transaction, measure, before: start, from: null, cancellationToken) is { Count: > 0 } earlier)
        {
            return WriteResult.Conflict<Measure>(
                $"{measure.Code} has figures for {Listed(earlier)}, before the new startPeriod {start}. Keep a start on or before {earlier[0]}.");
        }

        var versions = await DefinitionsAsync(transaction, measure, cancellationToken);
        var definition = measure.Definition;
        if (request.Definition is { } text && definitionFrom is { } applies)
        {
            if (versions.Count == 1)
            {
                // The first change keeps the definition it replaces as the version from the measure's start.
                await InsertDefinitionAsync(transaction, measure, versions[0], cancellationToken);
            }

            var version = new DefinitionVersion(applies, text.Trim(), reason, caller.Name, now);
            await InsertDefinitionAsync(transaction, measure, version, cancellationToken);
            versions = [.. versions.Where(v => v.FromPeriod != applies), version];
            // The measure's own definition is the one in force from the latest version on.
            definition = versions.MaxBy(v => v.FromPeriod)!.Definition;
        }

        var edited = measure with
        {
            Title = request.Title?.Trim() ?? measure.Title,
            Definition = definition,
            Category = request.Category?.Trim() ?? measure.Category,
            Decimals = request.Decimals ?? measure.Decimals,
            UnitLabel = request.UnitLabel is null ? measure.UnitLabel : NullIfEmpty(request.UnitLabel),
            StartPeriod = start,
        };
        if (edited == measure && request.Definition is null)
        {
            return WriteResult.Unchanged(measure);
        }

        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, new
        {
            edited.Id,
            edited.Title,
            edited.Definition,
            edited.Category,
            edited.Decimals,
            edited.UnitLabel,
            StartPeriod = edited.StartPeriod.ToString(),
        }, transaction, cancellationToken: cancellationToken));
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry("measure.edited", "Measure",
            measure.Id.ToString(CultureInfo.InvariantCulture), contract.Id, Audited(measure, null), Audited(edited, reason)), cancellationToken);
        if (start != measure.StartPeriod)
        {
            await PendingEvaluations.MarkAsync(transaction, database.Dialect,
                [new PendingEvaluations.Mark(measure.Id, start < measure.StartPeriod ? start : measure.StartPeriod)],
                EvaluationReason.Terms, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(edited);
    }

    private const string RetireSql = """
        UPDATE Measures SET RetiredFrom = @RetiredFrom, RetirementReason = @Reason, RetiredAt = @At WHERE Id = @Id
        """;

    /// <summary>
    /// From <paramref name="fromPeriod"/> on the measure is neither owed nor rated; its history stays.
    /// Its open escalations resolve at its next evaluation, which this marks it for, saying why.
    /// </summary>
    public async Task<WriteResult<Measure>> RetireAsync(
        Contract contract, Measure measure, Caller caller, RetireMeasureRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var reason = request.Reason.Trim();
        if (Owned(measure, request.FromPeriod, "fromPeriod", contract, out var from) is { } refused)
        {
            return refused;
        }

        if (from <= measure.StartPeriod)
        {
            return WriteResult.Rejected<Measure>("fromPeriod",
                $"{measure.Code} is owed from {measure.StartPeriod}: retire it from a later period, or move its startPeriod.");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The contract row first: a batch of returns takes it first too, so it sees this change or
        // this change sees its figures, never neither.
        await connection.ExecuteAsync(new CommandDefinition(ContractStore.TouchSql, new { ContractId = contract.Id }, transaction,
            cancellationToken: cancellationToken));
        if (await FiguresAsync(transaction, measure, before: null, from: from, cancellationToken) is { Count: > 0 } later)
        {
            return WriteResult.Conflict<Measure>(
                $"{measure.Code} has figures for {Listed(later)}, on or after {from}. Retire it from a period after {later[^1]}.");
        }

        // A new reason for the same period is no new retirement: what was known when stays as it was.
        var at = measure.RetiredFrom == from ? measure.RetiredAt ?? now : now;
        var retired = measure with { RetiredFrom = from, RetirementReason = reason, RetiredAt = at };
        if (measure.RetiredFrom == from && measure.RetirementReason == reason)
        {
            return WriteResult.Unchanged(measure);
        }

        await connection.ExecuteAsync(new CommandDefinition(RetireSql, new { measure.Id, RetiredFrom = from.ToString(), Reason = reason, At = at },
            transaction, cancellationToken: cancellationToken));
        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry("measure.retired", "Measure",
                measure.Id.ToString(CultureInfo.InvariantCulture), contract.Id,
                measure.RetiredFrom is { } before ? new { RetiredFrom = before.ToString(), measure.RetirementReason } : null,
                new { RetiredFrom = from.ToString(), RetirementReason = reason }),
            cancellationToken);
        var earliest = measure.RetiredFrom is { } was && was < from ? was : from;
        await PendingEvaluations.MarkAsync(transaction, database.Dialect, [new PendingEvaluations.Mark(measure.Id, earliest)],
            EvaluationReason.Terms, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(retired);
    }

    private const string ReinstateSql = """
        UPDATE Measures SET RetiredFrom = NULL, RetirementReason = NULL, RetiredAt = NULL WHERE Id = @Id AND RetiredFrom IS NOT NULL
        """;

    /// <summary>Undoes a retirement: the periods from it on are owed and rated again, by the rules, at the next evaluation.</summary>
    public async Task<WriteResult<Measure>> ReinstateAsync(
        Contract contract, Measure measure, Caller caller, string reason, CancellationToken cancellationToken)
    {
        if (measure.RetiredFrom is not { } retired)
        {
            return WriteResult.Conflict<Measure>($"{measure.Code} is not retired.");
        }

        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(ContractStore.TouchSql, new { ContractId = contract.Id }, transaction,
            cancellationToken: cancellationToken));
        if (await connection.ExecuteAsync(new CommandDefinition(ReinstateSql, new { measure.Id }, transaction, cancellationToken: cancellationToken)) == 0)
        {
            return WriteResult.Conflict<Measure>($"{measure.Code} is not retired.");
        }

        await AuditLog.WriteAsync(transaction, caller, now, new AuditEntry("measure.reinstated", "Measure",
            measure.Id.ToString(CultureInfo.InvariantCulture), contract.Id,
            new { RetiredFrom = retired.ToString(), measure.RetirementReason }, new { Reason = reason.Trim() }), cancellationToken);
        await PendingEvaluations.MarkAsync(transaction, database.Dialect, [new PendingEvaluations.Mark(measure.Id, retired)],
            EvaluationReason.Terms, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Updated(measure with { RetiredFrom = null, RetirementReason = null, RetiredAt = null });
    }

    private const string DefinitionsSql = """
        SELECT FromPeriod, Definition, Reason, SetBy, SetAt
        FROM MeasureDefinitions
        WHERE MeasureId = @MeasureId
        ORDER BY FromPeriodStart, Id
        """;

    /// <summary>
    /// Every version of the definition, oldest first, one per period it applies from (the latest set
    /// wins). A measure never redefined has one: the definition it was created with, from its start.
    /// </summary>
    public async Task<IReadOnlyList<DefinitionVersion>> DefinitionsAsync(Measure measure, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await DefinitionsAsync(connection, null, measure, cancellationToken);
    }

    private static Task<IReadOnlyList<DefinitionVersion>> DefinitionsAsync(
        DbTransaction transaction, Measure measure, CancellationToken cancellationToken) =>
        DefinitionsAsync(transaction.Connection!, transaction, measure, cancellationToken);

    private static async Task<IReadOnlyList<DefinitionVersion>> DefinitionsAsync(
        DbConnection connection, DbTransaction? transaction, Measure measure, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<DefinitionRow>(new CommandDefinition(DefinitionsSql, new { MeasureId = measure.Id }, transaction,
            cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return [new DefinitionVersion(measure.StartPeriod, measure.Definition, null, null, null)];
        }

        return rows.Select(r => new DefinitionVersion(Period.Parse(r.FromPeriod, measure.Frequency), r.Definition, r.Reason, r.SetBy, r.SetAt))
            .GroupBy(v => v.FromPeriod).Select(g => g.Last()).ToList();
    }

    /// <summary>The definition in force for <paramref name="period"/>: the latest version from it or before; the first before any.</summary>
    public static DefinitionVersion DefinitionFor(IReadOnlyList<DefinitionVersion> versions, Period period) =>
        versions.LastOrDefault(v => v.FromPeriod <= period) ?? versions[0];

    private static Task<int> InsertDefinitionAsync(DbTransaction transaction, Measure measure, DefinitionVersion version, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(InsertDefinitionSql, new
        {
            MeasureId = measure.Id,
            FromPeriod = version.FromPeriod.ToString(),
            FromPeriodStart = version.FromPeriod.Start,
            version.Definition,
            version.Reason,
            version.SetBy,
            version.SetAt,
        }, transaction, cancellationToken: cancellationToken));

    private const string FiguresSql = """
        SELECT DISTINCT Period, PeriodStart FROM Returns
        WHERE MeasureId = @MeasureId AND (@Before IS NULL OR PeriodStart < @Before) AND (@From IS NULL OR PeriodStart >= @From)
        ORDER BY PeriodStart
        """;

    /// <summary>The periods with a figure before one period, or from one on.</summary>
    private static async Task<List<string>> FiguresAsync(
        DbTransaction transaction, Measure measure, Period? before, Period? from, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QueryAsync<(string Period, DateOnly PeriodStart)>(new CommandDefinition(FiguresSql, new
        {
            MeasureId = measure.Id,
            Before = before?.Start,
            From = from?.Start,
        }, transaction, cancellationToken: cancellationToken))).Select(r => r.Period).ToList();

    /// <summary>A period of the measure's frequency inside the contract's term, or the refusal that says why not.</summary>
    private static WriteResult<Measure>? Owned(Measure measure, string text, string field, Contract contract, out Period period)
    {
        if (!Period.TryParse(text.Trim(), measure.Frequency, out period, out var error))
        {
            return WriteResult.Rejected<Measure>(field, error);
        }

        return period.Overlaps(contract.StartDate, contract.EndDate)
            ? null
            : WriteResult.Rejected<Measure>(field, ContractTerm.Outside(period.ToString(), contract.StartDate, contract.EndDate));
    }

    private static string Listed(List<string> periods) =>
        periods.Count <= 6 ? string.Join(", ", periods) : string.Create(CultureInfo.InvariantCulture, $"{periods[0]} to {periods[^1]} ({periods.Count} periods)");

    private static string? NullIfEmpty(string text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static object Audited(Measure m, string? reason) => new
    {
        m.Title, m.Definition, m.Category, m.Decimals, m.UnitLabel, StartPeriod = m.StartPeriod.ToString(), Reason = reason,
    };

    private sealed record DefinitionRow
    {
        public string FromPeriod { get; init; } = "";
        public string Definition { get; init; } = "";
        public string? Reason { get; init; }
        public string? SetBy { get; init; }
        public DateTimeOffset? SetAt { get; init; }
    }
}
