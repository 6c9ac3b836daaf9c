using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ContractMonitor.Api.OpenApi;

/// <summary>The document's tags described, its licence named, and no empty server entry (issue 21, Redocly's recommended rules).</summary>
internal sealed class DocumentText : IDocumentFilter
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Audit"] = "Who changed what and when: every write, with before and after.",
        ["Challenges"] = "The council's challenge notes on a measure's figure, and the trust's responses.",
        ["Claims"] = "The trust's account of a measure: commentary beside its figures.",
        ["Contracts"] = "Contracts, their term and their rules (returnDueDays, small cohort, escalation policy and ladder).",
        ["Escalations"] = "Escalations opened for sustained failures, missing returns and declines, with their events and emails.",
        ["Evaluations"] = "Ratings and status: what each measure's figures say against target and tolerance.",
        ["Exceptions"] = "Agreed exceptions: a measure the council expects to fail for a known reason, until a date.",
        ["Measures"] = "The contract's measures (KPIs): definitions, start, retirement.",
        ["Notifications"] = "The emails sent to the panel's chairs and the ladder's addresses.",
        ["Organisations"] = "Councils and trusts.",
        ["Panel"] = "The scrutiny panel: chair, vice-chair and members.",
        ["Papers"] = "Panel papers: the quarter's report, previewed, published and frozen.",
        ["Returns"] = "The trust's figures for each measure and period, as JSON or CSV, every revision kept.",
        ["Sign-off"] = "A period's figures signed off by the trust and accepted (locked) by the council.",
        ["Statistical process control"] = "Statistical process control: limits, signals and where they start again.",
        ["Split screen"] = "The split screen: the trust's figures and claims beside the council's rating and challenges.",
        ["Targets"] = "Targets and tolerances by financial year.",
    };

    public void Apply(OpenApiDocument swaggerDoc, DocumentFilterContext context)
    {
        swaggerDoc.Info.License = new OpenApiLicense { Name = "MIT", Url = new Uri("https://opensource.org/license/mit") };
        swaggerDoc.Servers = [new OpenApiServer { Url = "/", Description = "The service that served this document." }];
        var used = swaggerDoc.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct().Order(StringComparer.Ordinal);
        swaggerDoc.Tags = new SortedSet<OpenApiTag>(used.Select(name => new OpenApiTag
        {
            Name = name,
            Description = Tags.GetValueOrDefault(name, name),
        }), Comparer<OpenApiTag>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name)));
    }
}
