using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Register;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Audit;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Organisations;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Contracts;

internal sealed class ContractStore(Database database, TimeProvider clock)
{
    private const string FindCouncilSql = """
        SELECT Id FROM Organisations WHERE Code = @Code AND Kind = 'Council'
        """;

    private const string FindProviderSql = """
        SELECT Id FROM Organisations WHERE Code = @Code AND Kind = 'Provider'
        """;

    // SQL Server's default collation ignores case and SQLite's does not; asking with UPPER on both
    // sides gives one answer on both engines before the unique key has to.
    private const string ReferenceTakenSql = """
        SELECT COUNT(*) FROM Contracts
        WHERE CommissionerOrgId = @CommissionerOrgId AND UPPER(Reference) = UPPER(@Reference)
        """;

    private static readonly DialectSql InsertSql = DialectSql.InsertReturningId(
        """
        INSERT INTO Contracts (Reference, Title, CommissionerOrgId, ProviderOrgId, StartDate, EndDate,
            ReturnDueDays, SmallCohort, RaiseAfter, ResolveAfter, DeclineRunLength, SpecialCause, MonitoredFrom, RequireAcceptance, CreatedAt)
        """,
        """
        VALUES (@Reference, @Title, @CommissionerOrgId, @ProviderOrgId, @StartDate, @EndDate,
            @ReturnDueDays, @SmallCohort, @RaiseAfter, @ResolveAfter, @DeclineRunLength, @SpecialCause, @MonitoredFrom, @RequireAcceptance, @CreatedAt)
        """);

    private const string InsertLevelSql = """
        INSERT INTO EscalationLevels (ContractId, Level, Name, Email) VALUES (@ContractId, @Level, @Name, @Email)
        """;

    /// <summary>Creates a contract the caller's council commissions from a validated request.</summary>
    public async Task<WriteResult<Contract>> CreateAsync(
        Caller caller, CreateContractRequest request, CancellationToken cancellationToken)
    {
        var providerCode = OrganisationStore.NormaliseCode(request.ProviderCode);
        var policy = ContractDefaults.PolicyFrom(request.EscalationPolicy);
        var now = clock.GetUtcNow();
        // News starts the day the contract is recorded unless the council says monitoring began earlier.
        var monitoredFrom = request.MonitoredFrom ?? UkCalendar.DateOf(now);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var commissionerId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            FindCouncilSql, new { Code = caller.Org }, transaction, cancellationToken: cancellationToken));
        if (commissionerId is null)
        {
            return WriteResult.Rejected<Contract>("commissionerCode",
                $"Your organisation '{caller.Org}' is not registered as a Council. Register it first with POST /api/organisations.");
        }

        var providerId = await connection.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            FindProviderSql, new { Code = providerCode }, transaction, cancellationToken: cancellationToken));
        if (providerId is null)
        {
            return WriteResult.Rejected<Contract>("providerCode",
                $"No provider organisation has the code '{providerCode}'. Register it first with POST /api/organisations.");
        }

        var reference = request.Reference.Trim();
        var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            ReferenceTakenSql, new { CommissionerOrgId = commissionerId, Reference = reference }, transaction,
            cancellationToken: cancellationToken));
        if (taken > 0)
        {
            return WriteResult.Conflict<Contract>($"Your organisation already has a contract with reference '{reference}'.");
        }

        try
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(database.Dialect[InsertSql], new
            {
                Reference = reference,
                Title = request.Title.Trim(),
                CommissionerOrgId = commissionerId,
                ProviderOrgId = providerId,
                StartDate = request.StartDate!.Value,
                request.EndDate,
                ReturnDueDays = request.ReturnDueDays ?? ContractDefaults.ReturnDueDays,
                SmallCohort = request.SmallCohort ?? ContractDefaults.SmallCohort,
                policy.RaiseAfter,
                policy.ResolveAfter,
                policy.DeclineRunLength,
                policy.SpecialCause,
                MonitoredFrom = monitoredFrom,
                RequireAcceptance = request.RequireAcceptance ?? false,
                CreatedAt = now,
            }, transaction, cancellationToken: cancellationToken));
            await connection.ExecuteAsync(new CommandDefinition(
                InsertLevelSql, policy.Ladder.Select(l => new { ContractId = id, l.Level, l.Name, l.Email }), transaction,
                cancellationToken: cancellationToken));

            var created = new Contract(id, reference, request.Title.Trim(), caller.Org, providerCode,
                request.StartDate.Value, request.EndDate, request.ReturnDueDays ?? ContractDefaults.ReturnDueDays,
                request.SmallCohort ?? ContractDefaults.SmallCohort, policy, monitoredFrom)
            {
                RequireAcceptance = request.RequireAcceptance ?? false,
            };
            await AuditLog.WriteAsync(transaction, caller, now,
                new AuditEntry("contract.created", "Contract", id.ToString(CultureInfo.InvariantCulture), id, null, created),
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return WriteResult.Created(created);
        }
        catch (DbException ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            return WriteResult.Conflict<Contract>($"Your organisation already has a contract with reference '{reference}'.");
        }
    }

    /// <summary>
    /// Run in the transaction of every write that changes what the stored reads of a contract show,
    /// last, so that the row is locked only until the commit just after it.
    /// </summary>
    internal const string TouchSql = "UPDATE Contracts SET ReadVersion = ReadVersion + 1 WHERE Id = @ContractId";

    /// <summary>
    /// Takes the contract row's lock for the transaction without changing what reads show: writes that
    /// must not interleave on one contract (a returns batch and a sign-off step, two panel
    /// replacements, an evaluation's emails and an acceptance) take it first.
    /// </summary>
    internal const string HoldSql = "UPDATE Contracts SET ReadVersion = ReadVersion WHERE Id = @ContractId";

    private const string SelectVisibleSql = """
        SELECT c.Id, c.Reference, c.Title, co.Code AS CommissionerCode, po.Code AS ProviderCode,
               c.StartDate, c.EndDate, c.ReturnDueDays, c.SmallCohort, c.RaiseAfter, c.ResolveAfter, c.DeclineRunLength,
               c.SpecialCause, c.MonitoredFrom, c.RequireAcceptance, c.ReadVersion
        FROM Contracts c
        JOIN Organisations co ON co.Id = c.CommissionerOrgId
        JOIN Organisations po ON po.Id = c.ProviderOrgId
        WHERE c.Id IN (
        """ + Visibility.VisibleContractIdsSql + ")";

    // Every contract route starts here, so the contract and its ladder come back from one command.
    // The ladder is read whether or not the contract is visible, and dropped unread if it is not.
    private static readonly string FindVisibleSql = SelectVisibleSql + " AND c.Id = @Id;\n" + """
        SELECT ContractId, Level, Name, Email FROM EscalationLevels WHERE ContractId = @Id ORDER BY Level;
        """ + PolicyChangeStore.ForContractSql;

    /// <summary>The contract if the caller's organisation commissions or provides it (by role); otherwise null.</summary>
    public async Task<Contract?> FindVisibleAsync(long id, Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            FindVisibleSql, new { Id = id, ContractId = id, caller.CommissionerOrg, caller.ProviderOrg }, cancellationToken: cancellationToken));
        var row = await results.ReadSingleOrDefaultAsync<ContractRow>();
        var ladder = await results.ReadAsync<LadderRow>();
        var changes = await PolicyChangeStore.ReadChangesAsync(results);
        return row?.ToContract(ladder.Select(r => new LadderRung(r.Level, r.Name, r.Email)), changes[id]);
    }

    // The ladders by the same visibility predicate, not by a list of ids: a council with thousands of
    // contracts would pass one parameter per id, and SQL Server takes at most 2,100 (error 8003).
    private static readonly string ListVisibleSql = SelectVisibleSql + " ORDER BY c.Reference, c.Id;\n" + """
        SELECT l.ContractId, l.Level, l.Name, l.Email FROM EscalationLevels l
        WHERE l.ContractId IN (
        """ + Visibility.VisibleContractIdsSql + """
        )
        ORDER BY l.ContractId, l.Level;
        """ + PolicyChangeStore.ForContractsSql("p.ContractId IN (" + Visibility.VisibleContractIdsSql + ")");

    public async Task<IReadOnlyList<Contract>> ListVisibleAsync(Caller caller, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            ListVisibleSql, new { caller.CommissionerOrg, caller.ProviderOrg }, cancellationToken: cancellationToken));
        var rows = (await results.ReadAsync<ContractRow>()).ToList();
        var ladders = (await results.ReadAsync<LadderRow>()).ToLookup(r => r.ContractId, r => new LadderRung(r.Level, r.Name, r.Email));
        var changes = await PolicyChangeStore.ReadChangesAsync(results);
        return rows.Select(r => r.ToContract(ladders[r.Id], changes[r.Id])).ToList();
    }

    private sealed record ContractRow : ContractTermsRow
    {
        public string Reference { get; init; } = "";
        public string Title { get; init; } = "";
        public string CommissionerCode { get; init; } = "";
        public string ProviderCode { get; init; } = "";
        public long ReadVersion { get; init; }
        public bool RequireAcceptance { get; init; }

        public Contract ToContract(IEnumerable<LadderRung> ladder, IEnumerable<PolicyChange> changes) => new(
            Id, Reference, Title, CommissionerCode, ProviderCode, StartDate, EndDate, ReturnDueDays, SmallCohort,
            new ContractPolicy(RaiseAfter, ResolveAfter, DeclineRunLength, ladder.ToList(), SpecialCause), MonitoredFromOrStart)
        {
            ReadVersion = ReadVersion,
            RequireAcceptance = RequireAcceptance,
            PolicyChanges = changes.ToList(),
        };
    }

    private sealed record LadderRow
    {
        public long ContractId { get; init; }
        public int Level { get; init; }
        public string Name { get; init; } = "";
        public string? Email { get; init; }
    }
}
