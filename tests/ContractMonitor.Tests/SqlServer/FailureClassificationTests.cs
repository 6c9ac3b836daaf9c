using System.Globalization;
using ContractMonitor.Core.Data;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>Issue 22: what a failed evaluation does next, by SQL Server's error number, checked without a server.</summary>
public sealed class FailureClassificationTests
{
    [Theory]
    [InlineData(1205, "Deadlock")] // chosen as deadlock victim
    [InlineData(SqlDialect.ApplockDeadlock, "Deadlock")] // sp_getapplock's -3, thrown by the lock statement
    [InlineData(2601, "Race")] // unique index
    [InlineData(2627, "Race")] // unique constraint
    [InlineData(-2, "Busy")] // the client's command timeout
    [InlineData(SqlDialect.ApplockTimeout, "Busy")] // sp_getapplock's -1, thrown by the lock statement
    [InlineData(1222, "Busy")] // lock request time out
    [InlineData(547, "Other")] // a foreign key: no retry will help
    [InlineData(8003, "Other")] // too many parameters: a bug, not a race
    public void EachErrorNumberIsReadAsWhatToDoNext(int number, string expected) =>
        Assert.Equal(expected, SqlDialect.ClassifySqlServer(number).ToString());

    [Fact]
    public void AnExhaustedConnectionPoolIsUnavailableNotAnError()
    {
        // SqlClient's own words when no pooled connection frees up within the connect timeout.
        var exhausted = new InvalidOperationException(
            "Timeout expired.  The timeout period elapsed prior to obtaining a connection from the pool.  This may have occurred because all pooled connections were in use and max pool size was reached.");

        Assert.True(SqlDialect.IsUnavailable(exhausted));
        Assert.False(SqlDialect.IsUnavailable(new InvalidOperationException("Sequence contains no elements")));
    }

    [Fact]
    public void AnExhaustedPoolIsRecognisedInTheLanguageSqlClientWordsItIn()
    {
        var german = SqlDialect.PoolTimeoutMessage(CultureInfo.GetCultureInfo("de-DE"));
        var english = SqlDialect.PoolTimeoutMessage(CultureInfo.InvariantCulture);
        Assert.NotNull(german);
        Assert.NotEqual(english, german);
        Assert.DoesNotContain("obtaining a connection from the pool", german, StringComparison.Ordinal);

        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.True(SqlDialect.IsUnavailable(new InvalidOperationException(german)));
            Assert.True(SqlDialect.IsUnavailable(new InvalidOperationException(english)));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
