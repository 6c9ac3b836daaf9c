using ContractMonitor.Contracts.Measures;
using ContractMonitor.Core.Measures;

namespace ContractMonitor.Api.Features.Measures;

/// <summary>Core's measure in the shape the API promises (DESIGN §5.1).</summary>
internal static class MeasureMapping
{
    public static MeasureResponse ToResponse(this Measure measure)
    {
        return new MeasureResponse(measure.Code, measure.Title, measure.Definition, measure.Category, measure.Unit, measure.Polarity,
            measure.Frequency, measure.Decimals, measure.StartPeriod.ToString(), measure.Rollup);
    }
}
