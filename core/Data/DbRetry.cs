using System.Data.Common;

namespace ContractMonitor.Core.Data;

/// <summary>
/// The one retry rule for a transaction that another writer can spoil (issue 22, item 12): a
/// deadlock victim was rolled back whole and simply runs again; a unique key another writer took
/// first is a race only once or twice, because once that writer has committed the next attempt
/// reads its row. A key broken a third time is broken by the data itself, so it is thrown rather
/// than retried until the attempts run out. A store whose key a crowd can take in turn (the next
/// revision of one figure) allows a race on every attempt instead.
/// </summary>
internal static class DbRetry
{
    public const int MaxAttempts = 5;

    public const int MaxRaces = 2;

    /// <param name="races">How many unique-key errors count as races: 0 where no race can break a key.</param>
    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt, int races = MaxRaces)
    {
        var raced = 0;
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (DbException ex) when (tries < MaxAttempts && ShouldRetry(SqlDialect.Classify(ex), ref raced, races))
            {
                if (SqlDialect.Classify(ex) == DbFailure.Deadlock)
                {
                    // Two victims that run again at once can meet again: a short, growing, random pause parts them.
                    await Task.Delay(Random.Shared.Next(5, 25 * tries));
                }
            }
        }
    }

    public static async Task RunAsync(Func<Task> attempt, int races = MaxRaces) =>
        await RunAsync(async () =>
        {
            await attempt();
            return true;
        }, races);

    /// <summary>Whether a failure of this kind is worth one more attempt, counting the races seen so far.</summary>
    internal static bool ShouldRetry(DbFailure failure, ref int raced, int races) => failure switch
    {
        DbFailure.Deadlock => true,
        DbFailure.Race => ++raced <= races,
        _ => false,
    };
}
