using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Contracts.Measures;
using ContractMonitor.Contracts.Evaluations;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Escalations;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Panel;
using ContractMonitor.Core.Periods;
using Dapper;

namespace ContractMonitor.Core.Notifications;

/// <summary>
/// The monthly digest to each contract's chair and vice-chair, written into the outbox from the first
/// working day of the month (English calendar) for a week, so a job that missed the day catches up.
/// One per contract, month and recipient: the outbox's unique key makes a second run write nothing.
/// </summary>
internal sealed class MonthlyDigest(
    Database database, ContractStore contracts, StatusReader status, EscalationStore escalations, EmailSettings settings, TimeProvider clock)
{
    private const int CatchUpDays = 7;

    private const string DueSql = """
        SELECT c.Id, co.Code AS CommissionerCode
        FROM Contracts c
        JOIN Organisations co ON co.Id = c.CommissionerOrgId
        WHERE (c.EndDate IS NULL OR c.EndDate >= @ReportFrom)
          AND EXISTS (SELECT 1 FROM PanelMembers p WHERE p.ContractId = c.Id AND p.Role IN ('Chair', 'ViceChair'))
          AND NOT EXISTS (SELECT 1 FROM Notifications n WHERE n.ContractId = c.Id AND n.DigestMonth = @Month)
        ORDER BY c.Id
        """;

    /// <summary>Writes this month's digests that are due and not yet written; returns how many emails.</summary>
    public async Task<int> WriteDueAsync(CancellationToken cancellationToken)
    {
        var today = UkCalendar.Today(clock);
        var first = UkCalendar.FirstWorkingDay(today.Year, today.Month);
        if (today < first || today > first.AddDays(CatchUpDays))
        {
            return 0;
        }

        var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        List<(long Id, string CommissionerCode)> due;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            due = (await connection.QueryAsync<(long, string)>(new CommandDefinition(DueSql, new
            {
                Month = month,
                ReportFrom = new DateOnly(today.Year, today.Month, 1).AddMonths(-1),
            }, cancellationToken: cancellationToken))).ToList();
        }

        var written = 0;
        foreach (var (id, commissioner) in due)
        {
            written += await WriteAsync(id, new Caller("system:digest", commissioner, Role.Commissioner), month, today, cancellationToken);
        }

        return written;
    }

    private async Task<int> WriteAsync(long contractId, Caller council, string month, DateOnly today, CancellationToken cancellationToken)
    {
        var contract = await contracts.FindVisibleAsync(contractId, council, cancellationToken);
        if (contract is null)
        {
            return 0;
        }

        // On the first working day last month's returns are not yet due, so its periods would all be
        // Pending: the digest reports the latest periods whose returns were due by today.
        // The rules of last month, the period the digest is mostly about (issue 20: they can change from a period).
        var asOf = today.AddDays(-contract.Policies.At(Period.Containing(Frequency.Monthly, today).Previous()).ReturnDueDays);
        var current = await status.StatusAsync(contract, asOf, null, cancellationToken);
        var open = (await escalations.ListAsync(contract.Id, EscalationFilter.All, null, cancellationToken))
            .Where(e => e.Status != EscalationStatus.Resolved)
            .Select(e => new DigestEscalation(e.MeasureCode, e.Reason, e.Level, e.LevelName, e.Status))
            .ToList();
        var summary = StatusReader.Summarize(current);
        var content = DigestEmail.Render(new DigestEmailModel(contract.Id, contract.Reference, contract.Title, today, asOf, summary,
            current.Measures.Where(m => m.Figure.Rating == Rating.Failing).ToList(),
            open.Where(e => e.Reason == EscalationReason.SustainedDecline).ToList(),
            open), settings.BaseUrl);

        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var written = await ChairEmails.WriteAsync(transaction, contract.Id, NotificationKind.Digest, content, now, month, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return written;
        }
        catch (DbException ex) when (SqlDialect.IsUniqueViolation(ex))
        {
            // Another run wrote this month's digest first: one is enough.
            return 0;
        }
    }
}
