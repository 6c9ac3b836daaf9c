using System.Globalization;
using System.Text.Json;
using ContractMonitor.Api.Features.Returns;
using ContractMonitor.Contracts;
using ContractMonitor.Contracts.Returns;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Idempotency;
using ContractMonitor.Core.Measures;
using ContractMonitor.Core.Returns;
using Microsoft.AspNetCore.Mvc;

namespace ContractMonitor.Api.Pages.Returns;

/// <summary>
/// The trust sends its figures (issue 17): a CSV file as its spreadsheet exports it, or one period's
/// figures typed in. The API's reader, rules and store: all or nothing, every problem named.
/// </summary>
/// <remarks>
/// The confirmation is the answer to the post itself, not a redirect. Each form carries an
/// idempotency key, as an API client sends one, so a refresh of the confirmation replays the first
/// answer and writes nothing, even if newer figures have arrived since.
/// </remarks>
internal sealed class UploadModel(ContractStore contracts, MeasureStore measures, ReturnStore returns, TimeProvider clock)
    : ContractPageModel(contracts, clock)
{
    public IReadOnlyList<Measure> Measures { get; private set; } = [];

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Every problem, in the order of the rows: what the error summary lists.</summary>
    public List<(string Field, string Message)> Problems { get; } = [];

    public IReadOnlyList<ReturnResponse>? Stored { get; private set; }

    [BindProperty(Name = "period")]
    public string? Period { get; set; }

    /// <summary>The form's idempotency key: new each time a form is shown, sent back with it.</summary>
    [BindProperty(Name = "key")]
    public string? Key { get; set; }

    public string NewKey { get; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostCsvAsync(long id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (file is null || file.Length == 0)
        {
            Problems.Add(("file", "Select a CSV file"));
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var upload = await ReturnsCsv.ReadAsync(stream, SubmitReturnsValidator.MaxRows, cancellationToken);
        if (upload.FileProblem is { } problem)
        {
            Problems.Add(("file", problem));
            return Page();
        }

        return await StoreAsync(upload.Rows, i => ReturnsCsv.LineName(upload.Lines[i]), upload.Errors,
            key => ("file", $"Line {LineOf(key)}: {FieldOf(key)}"), cancellationToken);
    }

    public async Task<IActionResult> OnPostPeriodAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var typed = Measures
            .Select(m => (Measure: m, Value: Request.Form[$"value-{m.Code}"].ToString().Trim()))
            .Where(t => t.Value.Length > 0)
            .ToList();
        if (typed.Count == 0)
        {
            Problems.Add((Measures.Count == 0 ? "period" : $"value-{Measures[0].Code}", "Enter at least one figure"));
            return Page();
        }

        var errors = new Dictionary<string, string[]>();
        var rows = typed.Select((t, i) =>
        {
            if (!decimal.TryParse(t.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                errors[$"returns[{i}].value"] = [$"'{t.Value}' is not a number"];
            }

            return (ReturnRowRequest?)new ReturnRowRequest(t.Measure.Code, Period, value, null, null, null);
        }).ToList();
        return await StoreAsync(rows, i => $"returns[{i}]", errors,
            key => FieldOf(key).Trim() == "period" ? ("period", "") : ($"value-{typed[LineOf(key)].Measure.Code}", $"{typed[LineOf(key)].Measure.Code}: "),
            cancellationToken);
    }

    private async Task<IActionResult> StoreAsync(
        IReadOnlyList<ReturnRowRequest?> rows, Func<int, string> rowName, IReadOnlyDictionary<string, string[]> readErrors,
        Func<string, (string Field, string Prefix)> where, CancellationToken cancellationToken)
    {
        var check = ReturnRules.Check(rows, Contract, Measures.ToDictionary(m => m.Code), Today, rowName);
        var errors = check.Errors.Where(e => !readErrors.ContainsKey(e.Key)).Concat(readErrors).OrderBy(e => LineOf(e.Key)).ToList();
        if (errors.Count > 0)
        {
            foreach (var (key, messages) in errors)
            {
                var (field, prefix) = where(key);
                Problems.Add((field, PageText.Capitalised($"{prefix}{messages[0]}".TrimEnd('.'))));
                Errors.TryAdd(field, Problems[^1].Message);
            }

            return Page();
        }

        var idempotency = string.IsNullOrWhiteSpace(Key) || Key.Length > 100
            ? null
            : new IdempotentRequest(Key, ReturnStore.RequestHash(Contract.Id, rows), StatusCodes.Status201Created, $"/api/contracts/{Contract.Id}/returns");
        var result = await returns.SubmitAsync(Contract, PageCaller.Of(User), check.Rows, idempotency, cancellationToken);
        switch (result.Status)
        {
            case SubmitStatus.Replayed:
                Stored = JsonSerializer.Deserialize<ReturnListResponse>(result.Earlier!.Body, JsonDefaults.Web)!.Returns;
                break;
            case SubmitStatus.KeyReused:
                Problems.Add(("file", "These figures differ from the ones this form already sent: open the page again to send new figures"));
                break;
            default:
                Stored = result.Stored!.ToResponses();
                break;
        }

        return Page();
    }

    private async Task<IActionResult?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if (!await FindContractAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (PageCaller.Of(User).Role != Role.Provider)
        {
            return Forbid();
        }

        Measures = await measures.ListAsync(id, cancellationToken);
        return null;
    }

    /// <summary>The n of <c>lines[n].field</c> or <c>returns[n].field</c>, as the API orders its errors.</summary>
    private static int LineOf(string key) => Math.Max(ReturnsEndpoints.RowNumber(key), 0);

    /// <summary>"lines[3].period" is about the period; "lines[3]" about the whole line.</summary>
    private static string FieldOf(string key) =>
        key.IndexOf("].", StringComparison.Ordinal) is var dot and >= 0 ? key[(dot + 2)..] + " " : "";
}
