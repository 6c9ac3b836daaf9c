using System.Data.Common;
using System.Globalization;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Contracts.Panel;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Panel;
using Dapper;

namespace ContractMonitor.Core.Notifications;

/// <summary>The event a run of the evaluator ended an escalation on, when the run's change is news: it gets an email per recipient.</summary>
/// <param name="Level">The highest level the escalation has stood at: every level's address up to it hears.</param>
/// <param name="Period">The period the event is about; null for a resolution no period caused.</param>
internal sealed record EmailedEvent(long EventId, long EscalationId, int Level, string? Period = null);

/// <summary>
/// Writes the escalation emails into the outbox inside the evaluation's own transaction (DESIGN §2),
/// so an event and its emails are stored together or not at all. The recipients are the panel's
/// chair and vice-chair, and the address of every ladder level the escalation has reached, at or
/// below the level it stands at (DESIGN §3.4, who hears): a run that takes it from 1 to 3 still
/// tells the level-2 address. Ordinary panel members are not emailed. The outbox's unique key (event, recipient) makes a second write a clash,
/// never a second email.
/// </summary>
internal static class EscalationOutbox
{
    // The contract row's lock is taken with the setting: a period's acceptance takes it first too, so
    // it either commits before this reads it (and the email is not held) or waits for this commit (and
    // releases the email it holds).
    private const string RequireAcceptanceSql = Contracts.ContractStore.HoldSql + """
        ;
        SELECT RequireAcceptance FROM Contracts WHERE Id = @ContractId
        """;

    private const string InsertSql = """
        INSERT INTO Notifications (ContractId, Kind, EscalationId, EventId, Recipient, RecipientName, RecipientRole, MessageKey,
                                   Status, Attempts, NextAttemptAt, CreatedAt)
        VALUES (@ContractId, @Kind, @EscalationId, @EventId, @Recipient, @RecipientName, @RecipientRole, @MessageKey,
                @Status, 0, @Now, @Now)
        """;

    public static async Task<int> WriteAsync(
        DbTransaction transaction, long contractId, IReadOnlyList<EmailedEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return 0;
        }

        var connection = transaction.Connection!;
        var args = new { ContractId = contractId };
        var chairs = await PanelStore.ChairsAsync(transaction, contractId, cancellationToken);
        // The ladder's addresses as they stand in the event's period: a level's address changed from a
        // period (issue 20) is told of events from that period on, and the old one of those before.
        var policies = await PolicyChangeStore.TimelineAsync(connection, transaction, contractId, cancellationToken);
        var today = Periods.UkCalendar.DateOf(now);
        IEnumerable<LadderRung> LevelsFor(EmailedEvent e) =>
            (Periods.Period.TryParse(e.Period, out var period) ? policies.At(period) : policies.At(today)).Ladder
            .Where(l => l.Level <= e.Level).OrderBy(l => l.Level);
        // A contract that waits for acceptance holds the emails about a period not yet accepted; the
        // escalation itself is recorded now (issue 20). Accepting the period releases them.
        var accepted = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(RequireAcceptanceSql, args, transaction,
                cancellationToken: cancellationToken))
            ? await SignOff.PeriodSignOffStore.InStatesAsync(transaction, contractId,
                events.Select(e => e.Period).OfType<string>().Distinct().ToList(), cancellationToken,
                ContractMonitor.Contracts.SignOff.PeriodDataState.Accepted)
            : null;
        bool Held(EmailedEvent e) => accepted is not null && e.Period is { } period && !accepted.ContainsKey(period);
        var rows = events.SelectMany(e => RecipientsOf(chairs, LevelsFor(e)).Select(r => new
        {
            ContractId = contractId,
            Kind = nameof(NotificationKind.Escalation),
            e.EscalationId,
            e.EventId,
            Recipient = r.Email,
            RecipientName = r.Name,
            RecipientRole = r.Role,
            MessageKey = Guid.NewGuid().ToString("N"),
            Status = Held(e) ? nameof(NotificationStatus.Held) : nameof(NotificationStatus.Pending),
            Now = now,
        })).ToList();
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, rows, transaction, cancellationToken: cancellationToken));
        return rows.Count;
    }

    /// <summary>Chair first, then vice-chair, then the levels' addresses from the lowest; each address once.</summary>
    private static IEnumerable<RecipientRow> RecipientsOf(IEnumerable<PanelSeat> chairs, IEnumerable<LadderRung> levels)
    {
        var all = chairs.Select(c => new RecipientRow { Name = c.Name, Email = c.Email, Role = c.Role.ToString() }).ToList();
        all.AddRange(levels.Where(l => l.Email is not null).Select(l => new RecipientRow
        {
            Name = l.Name,
            Email = l.Email!,
            Role = string.Create(CultureInfo.InvariantCulture, $"Level {l.Level}"),
        }));
        return all.DistinctBy(r => PanelStore.EmailKey(r.Email));
    }

    private sealed record RecipientRow
    {
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
        public string Role { get; init; } = "";
    }
}
