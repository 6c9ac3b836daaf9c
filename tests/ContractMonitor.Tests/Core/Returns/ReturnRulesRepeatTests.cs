using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;
using ContractMonitor.Core.Returns;

namespace ContractMonitor.Tests.Core.Returns;

/// <summary>When a row repeats the figure that counts (issue 16): then it is not a revision.</summary>
public sealed class ReturnRulesRepeatTests
{
    private static readonly Period July = Period.Month(2016, 7);

    private static readonly Measure A1 = new(1, 1, "A1", "Visits", "", "", MeasureUnit.Percent, Polarity.HigherIsBetter, Frequency.Monthly, 1, July);

    private static readonly ReturnFigure Current = new(
        1, "A1", MeasureUnit.Percent, July, 1, 82m, 82m, 100m, "Up on June.", false, "pat", "trust", DateTimeOffset.UnixEpoch);

    public static TheoryData<decimal, decimal?, decimal?, string?, bool> Rows => new()
    {
        { 82m, 82m, 100m, "Up on June.", true },
        { 82.00m, 82.0m, 100.000m, "Up on June.", true },
        { 82.1m, 82m, 100m, "Up on June.", false },
        { 82m, null, 100m, "Up on June.", false },
        { 82m, 82m, 101m, "Up on June.", false },
        { 82m, 82m, null, "Up on June.", false },
        { 82m, 82m, 100m, "Up on June", false },
        { 82m, 82m, 100m, "up on june.", false },
        { 82m, 82m, 100m, null, false },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ARowRepeatsOnlyWhenValueNumeratorDenominatorAndCommentaryAllMatch(
        decimal value, decimal? numerator, decimal? denominator, string? commentary, bool repeats)
    {
        Assert.Equal(repeats, ReturnRules.Repeats(new CheckedReturn(A1, July, value, numerator, denominator, commentary), Current));
    }

    [Fact]
    public void NoCommentaryRepeatsNoCommentary()
    {
        var bare = Current with { Commentary = null };
        Assert.True(ReturnRules.Repeats(new CheckedReturn(A1, July, 82m, 82m, 100m, null), bare));
    }
}
