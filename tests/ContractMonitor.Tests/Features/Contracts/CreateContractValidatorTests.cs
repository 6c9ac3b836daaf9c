using ContractMonitor.Api.Features.Contracts;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Register;

namespace ContractMonitor.Tests.Features.Contracts;

/// <summary>The validator on its own, table by table; the HTTP tests prove it is wired in.</summary>
public sealed class CreateContractValidatorTests
{
    public CreateContractValidatorTests() => ValidationNames.UseJsonNames();

    private static readonly CreateContractRequest Valid = new(
        "DCST-1", "Children's social care", "doncaster-childrens-trust", new DateOnly(2016, 10, 1), null, null, null, null);

    public static TheoryData<string, CreateContractRequest, string?> Cases() => new()
    {
        { "valid with defaults", Valid, null },
        { "end after start", Valid with { EndDate = new DateOnly(2016, 10, 2) }, null },
        { "end on start", Valid with { EndDate = new DateOnly(2016, 10, 1) }, "endDate" },
        { "returnDueDays 0", Valid with { ReturnDueDays = 0 }, null },
        { "returnDueDays 366", Valid with { ReturnDueDays = 366 }, "returnDueDays" },
        { "smallCohort 1", Valid with { SmallCohort = 1 }, null },
        { "ladder level with an address", Valid with { EscalationPolicy = new(null, null, null, [new(1, "Meeting", "director@council.example")]) }, null },
        { "ladder level with a bad address", Valid with { EscalationPolicy = new(null, null, null, [new(1, "Meeting", "director at council")]) }, "escalationPolicy.ladder[0].email" },
        { "start in year 1", Valid with { StartDate = new DateOnly(1, 1, 1) }, "startDate" },
        { "start in 1901", Valid with { StartDate = new DateOnly(1901, 1, 1), EndDate = null }, null },
        { "end in 9999", Valid with { EndDate = new DateOnly(9999, 12, 31) }, "endDate" },
        { "end in 9997", Valid with { EndDate = new DateOnly(9997, 12, 31) }, null },
        { "reference too long", Valid with { Reference = new string('R', 65) }, "reference" },
        { "reference with a tab", Valid with { Reference = "R\t1" }, "reference" },
        { "resolveAfter 25", Valid with { EscalationPolicy = new(null, 25, null, null) }, "escalationPolicy.resolveAfter" },
        { "ladder of one", Valid with { EscalationPolicy = new(null, null, null, [new(1, "Only")]) }, null },
        { "ladder from 2", Valid with { EscalationPolicy = new(null, null, null, [new(2, "Two")]) }, "escalationPolicy.ladder" },
        { "ladder repeats", Valid with { EscalationPolicy = new(null, null, null, [new(1, "A"), new(1, "B")]) }, "escalationPolicy.ladder" },
        { "ladder level missing", Valid with { EscalationPolicy = new(null, null, null, [new(null, "A")]) }, "escalationPolicy.ladder[0].level" },
        { "ladder of eleven", Valid with { EscalationPolicy = new(null, null, null, Enumerable.Range(1, 11).Select(i => new LadderLevelRequest(i, "L")).ToList()) }, "escalationPolicy.ladder" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ChecksEachRule(string description, CreateContractRequest request, string? failingField)
    {
        var result = new CreateContractValidator().Validate(request);

        if (failingField is null)
        {
            Assert.True(result.IsValid, $"{description}: {result}");
        }
        else
        {
            Assert.Contains(failingField, result.ToDictionary().Keys);
        }
    }
}
