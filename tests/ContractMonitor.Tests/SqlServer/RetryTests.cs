using ContractMonitor.Core.Data;
using Microsoft.Data.Sqlite;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>
/// Issue 22, item 12: one retry rule for every store. A deadlock victim runs again; a broken unique
/// key is a race twice at most, then the data's own fault and thrown; anything else is thrown at once.
/// </summary>
public sealed class RetryTests
{
    [Theory]
    [InlineData("Deadlock", 0, 0, true)]
    [InlineData("Deadlock", 2, 2, true)] // deadlocks do not use up the races
    [InlineData("Race", 2, 0, true)]
    [InlineData("Race", 2, 1, true)]
    [InlineData("Race", 2, 2, false)] // a third broken key is no race
    [InlineData("Race", 0, 0, false)] // where no race can break the key
    [InlineData("Busy", 2, 0, false)] // the next run tries again
    [InlineData("Other", 2, 0, false)]
    public void WhetherAFailureIsTriedAgain(string failure, int races, int racedBefore, bool expected)
    {
        var raced = racedBefore;

        Assert.Equal(expected, DbRetry.ShouldRetry(Enum.Parse<DbFailure>(failure), ref raced, races));
    }

    [Fact]
    public async Task AKeyTheDataBreaksEveryTimeIsThrownAfterTwoRaces()
    {
        var attempts = 0;

        var thrown = await Assert.ThrowsAsync<SqliteException>(() => DbRetry.RunAsync(() =>
        {
            attempts++;
            throw UniqueViolation();
        }));

        Assert.Equal(1 + DbRetry.MaxRaces, attempts);
        Assert.Equal(2067, thrown.SqliteExtendedErrorCode);
    }

    [Fact]
    public async Task ARaceLostOnceIsWonOnTheNextAttempt()
    {
        var attempts = 0;

        var answer = await DbRetry.RunAsync(() => ++attempts == 1 ? throw UniqueViolation() : Task.FromResult("read again"));

        Assert.Equal(("read again", 2), (answer, attempts));
    }

    [Fact]
    public async Task ABusyDatabaseIsNotRetriedHere()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<SqliteException>(() => DbRetry.RunAsync(() =>
        {
            attempts++;
            throw new SqliteException("database is locked", 5, 5);
        }));

        Assert.Equal(1, attempts);
    }

    private static SqliteException UniqueViolation() => new("UNIQUE constraint failed: Returns.MeasureId", 19, 2067);
}
