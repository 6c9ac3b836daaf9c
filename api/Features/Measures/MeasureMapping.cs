using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Periods;

namespace ContractMonitor.Api.Features.Measures;

/// <summary>Core's measure in the shape the API promises (DESIGN §5.1).</summary>
internal static class MeasureMapping
{
    public static MeasureResponse ToResponse(this Measure measure)
    {
        return new MeasureResponse(measure.Code, measure.Title, measure.Definition, measure.Category, measure.Unit, measure.Polarity,
            measure.Frequency, measure.Decimals, measure.StartPeriod.ToString(), measure.Rollup, measure.UnitLabel,
            measure.RetiredFrom?.ToString(), measure.RetirementReason);
    }

    /// <summary>One measure with every version of its definition; <c>definition</c> is the one in force for <paramref name="period"/> if given.</summary>
    public static MeasureResponse ToResponse(this Measure measure, IReadOnlyList<DefinitionVersion> versions, Period? period) =>
        measure.ToResponse() with
        {
            Definition = period is { } p ? MeasureLifeStore.DefinitionFor(versions, p).Definition : measure.Definition,
            Definitions = versions.Select(v => new MeasureDefinitionResponse(v.FromPeriod.ToString(), v.Definition, v.Reason, v.SetBy, v.SetAt))
                .ToList(),
        };
}
