using System.Text.RegularExpressions;

namespace ContractMonitor.Tests.SqlServer;

/// <summary>
/// Issue 22: Dapper expands <c>IN @List</c> into one parameter per item, and SQL Server refuses a
/// command of more than 2,100 parameters (error 8003). Every such list in the app's statements must
/// be bounded by design; a new one fails here until it is replaced by a join or OPENJSON, or its
/// bound is written down below.
/// </summary>
public sealed partial class BoundedInListTests
{
    /// <summary>The lists allowed, each with why it cannot grow.</summary>
    private static readonly Dictionary<string, string> Bounded = new(StringComparer.Ordinal)
    {
        ["StatusReader.LatestRatingsSql @Periods"] = "one latest period per frequency: at most 3",
        ["StatusReader.StatusSql @Periods"] = "the same list, in the status command that includes LatestRatingsSql",
    };

    [GeneratedRegex(@"\bIN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex InList();

    [Fact]
    public void EveryInListInTheAppsStatementsIsBoundedByDesign()
    {
        var found = AppStatements.All
            .SelectMany(s => InList().Matches(s.SqlServer).Select(m => $"{s.Name} @{m.Groups[1].Value}"))
            .Distinct()
            .ToList();

        Assert.NotEmpty(found);
        var unbounded = found.Where(f => !Bounded.ContainsKey(f)).ToList();
        Assert.True(unbounded.Count == 0, "IN @list with no bound: " + string.Join(", ", unbounded));
    }

    [Fact]
    public void TheCheckFindsAListWrittenEitherWay() =>
        Assert.Equal(["Ids", "codes"], InList().Matches("WHERE Id IN @Ids AND Code in  @codes").Select(m => m.Groups[1].Value));
}
