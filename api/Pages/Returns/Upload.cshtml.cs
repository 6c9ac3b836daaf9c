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
/// Each form carries an idempotency key, as an API client sends one, so sending the same form twice
/// stores once. After storing, the page redirects to its confirmation, which reads the answer
/// remembered for that key (this person's own, for this contract): a refresh shows it again and
/// writes nothing, even if newer figures have arrived since.
/// </remarks>
internal sealed class UploadModel(
    ContractStore contracts, MeasureStore measures, ReturnStore returns, IdempotencyKeys keys, TimeProvider clock)
    : ContractPageModel(contracts, clock)
{
    /// <summary>The measures the typed form offers: those not retired by today.</summary>
    public IReadOnlyList<Measure> Measures => [.. all.Where(m => m.RetiredFrom is null || m.RetiredFrom.Value.Start > Today)];

    // Every measure, retired ones too, so a row for one is told it was retired rather than unknown.
    private IReadOnlyList<Measure> all = [];

    public Dictionary<string, string> Errors { get; } = [];

    /// <summary>Every problem, in the order of the rows: what the error summary lists.</summary>
    public List<(string Field, string Message)> Problems { get; } = [];

    public IReadOnlyList<ReturnResponse>? Stored { get; private set; }

    /// <summary>A CSV's lines with problems, by line number: the table the error summary links to.</summary>
    public SortedDictionary<int, List<(string Id, string Field, string Problem)>> BadLines { get; } = [];

    /// <summary>The key of the form whose figures were stored: the confirmation shows that answer.</summary>
    [BindProperty(SupportsGet = true, Name = "received")]
    public string? Received { get; set; }

    [BindProperty(Name = "period")]
    public string? Period { get; set; }

    /// <summary>The form's idempotency key: new each time a form is shown, sent back with it.</summary>
    [BindProperty(Name = "key")]
    public string? Key { get; set; }

    public string NewKey { get; } = Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        // Only an answer this person was given for this contract's returns: anything else is the empty form.
        if (!string.IsNullOrWhiteSpace(Received) && Received.Length <= IdempotencyKeys.MaxKeyLength
            && await keys.FindAsync(PageCaller.Of(User), Received, cancellationToken) is { } answer
            && answer.Location == ReturnsLocation)
        {
            Stored = JsonSerializer.Deserialize<ReturnListResponse>(answer.Body, JsonDefaults.Web)!.Returns;
        }

        return Page();
    }

    private string ReturnsLocation => $"/api/contracts/{Contract.Id}/returns";

    public async Task<IActionResult> OnPostCsvAsync(long id, IFormFile? file, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        if (file is null || file.Length == 0)
        {
            return Problem("file", "Select a CSV file");
        }

        await using var stream = file.OpenReadStream();
        var upload = await ReturnsCsv.ReadAsync(stream, SubmitReturnsValidator.MaxRows, cancellationToken);
        if (upload.FileProblem is { } problem)
        {
            return Problem("file", PageText.Sentence(problem));
        }

        return await StoreAsync(upload.Rows, i => ReturnsCsv.LineName(upload.Lines[i]), upload.Errors,
            key => (LineId(key), $"Line {LineOf(key)}: {FieldOf(key)}"), cancellationToken);
    }

    public async Task<IActionResult> OnPostPeriodAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        string Typed(Measure m, string field) => Request.HasFormContentType ? Request.Form[$"{field}-{m.Code}"].ToString().Trim() : "";
        var typed = Measures
            .Where(m => TypedFields.Any(f => Typed(m, f).Length > 0))
            .ToList();
        if (typed.Count == 0)
        {
            return Problem(Measures.Count == 0 ? "period" : $"value-{Measures[0].Code}", "Enter at least one figure");
        }

        var errors = new Dictionary<string, string[]>();
        decimal? Number(Measure m, int row, string field)
        {
            var text = Typed(m, field);
            if (text.Length == 0)
            {
                return null;
            }

            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            errors[$"returns[{row}].{field}"] = [$"'{text}' is not a number"];
            return null;
        }

        var rows = typed.Select((m, i) => (ReturnRowRequest?)new ReturnRowRequest(m.Code, Period,
            Number(m, i, "value"), Number(m, i, "numerator"), Number(m, i, "denominator"), Typed(m, "commentary") is { Length: > 0 } c ? c : null)).ToList();
        return await StoreAsync(rows, i => $"returns[{i}]", errors, key =>
        {
            var field = FieldOf(key).Trim();
            var measure = typed[LineOf(key)].Code;
            // The period is one field for every figure: its problem is said once, beside it.
            return field == "period" ? ("period", "")
                : ($"{(TypedFields.Contains(field) ? field : "value")}-{measure}", $"{measure}{(field is "value" or "" ? "" : " " + field)}: ");
        }, cancellationToken);
    }

    private async Task<IActionResult> StoreAsync(
        IReadOnlyList<ReturnRowRequest?> rows, Func<int, string> rowName, IReadOnlyDictionary<string, string[]> readErrors,
        Func<string, (string Field, string Prefix)> where, CancellationToken cancellationToken)
    {
        var check = ReturnRules.Check(rows, Contract, all.ToDictionary(m => m.Code), Today, rowName);
        var errors = check.Errors.Where(e => !readErrors.ContainsKey(e.Key)).Concat(readErrors).OrderBy(e => LineOf(e.Key)).ToList();
        if (errors.Count > 0)
        {
            foreach (var (key, messages) in errors)
            {
                var (field, prefix) = where(key);
                // Beside a field of its own, the API's "'x' is required: …" is said as the page says it.
                var text = prefix.Length == 0 ? PageText.Sentence(messages[0]) : messages[0].TrimEnd('.');
                var problem = (field, PageText.Capitalised($"{prefix}{text}"));
                if (!Problems.Contains(problem))
                {
                    Problems.Add(problem);
                }

                Errors.TryAdd(field, problem.Item2);
                if (field.StartsWith("line-", StringComparison.Ordinal))
                {
                    var line = LineOf(key);
                    BadLines.TryAdd(line, []);
                    BadLines[line].Add((field, FieldOf(key).Trim() is { Length: > 0 } name ? name : "the whole line", PageText.Capitalised(messages[0].TrimEnd('.'))));
                }
            }

            if (BadLines.Count > 0)
            {
                Errors["file"] = $"The file has {(BadLines.Count == 1 ? "a line" : $"{BadLines.Count} lines")} with problems, listed below. Correct {(BadLines.Count == 1 ? "it" : "them")} and upload the file again";
            }

            return Page();
        }

        if (string.IsNullOrWhiteSpace(Key) || Key.Length > 100)
        {
            // Every form this page draws carries a key. A script's post without one is stored
            // once, as sent, under a key of its own, so that it too has a confirmation to show.
            Key = Guid.NewGuid().ToString("N");
        }

        var idempotency = new IdempotentRequest(Key!, ReturnStore.RequestHash(Contract.Id, rows), StatusCodes.Status201Created, ReturnsLocation);
        var result = await returns.SubmitAsync(Contract, PageCaller.Of(User), check.Rows, idempotency, cancellationToken);
        if (result.Status == SubmitStatus.KeyReused)
        {
            return Problem(Request.Query["handler"] == "Period" ? "period" : "file",
                "These figures differ from the ones this form already sent: open the page again to send new figures");
        }

        if (result.Status is SubmitStatus.Locked or SubmitStatus.Changed)
        {
            return Problem(Request.Query["handler"] == "Period" ? "period" : "file",
                result.Status == SubmitStatus.Locked ? result.LockedDetail : SubmitResult.ChangedDetail);
        }

        // Post, redirect, get: the confirmation is the answer remembered for this form's key.
        return LocalRedirect($"~/contracts/{Contract.Id}/returns/upload?received={Uri.EscapeDataString(Key!)}");
    }

    /// <summary>One problem, in the error summary and beside its field.</summary>
    private Microsoft.AspNetCore.Mvc.RazorPages.PageResult Problem(string field, string message)
    {
        Problems.Add((field, message));
        Errors.TryAdd(field, message);
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

        all = await measures.ListAsync(id, cancellationToken);
        return null;
    }

    /// <summary>What may be typed for each measure, besides the period.</summary>
    private static readonly string[] TypedFields = ["value", "numerator", "denominator", "commentary"];

    /// <summary>The id of a CSV problem's cell: its line and its field, <c>line-3-period</c>, or <c>line-3</c> for the whole line.</summary>
    private static string LineId(string key) =>
        FieldOf(key).Trim() is { Length: > 0 } name ? $"line-{LineOf(key)}-{name}" : $"line-{LineOf(key)}";

    /// <summary>The n of <c>lines[n].field</c> or <c>returns[n].field</c>, as the API orders its errors.</summary>
    private static int LineOf(string key) => Math.Max(ReturnsEndpoints.RowNumber(key), 0);

    /// <summary>"lines[3].period" is about the period; "lines[3]" about the whole line.</summary>
    private static string FieldOf(string key) =>
        key.IndexOf("].", StringComparison.Ordinal) is var dot and >= 0 ? key[(dot + 2)..] + " " : "";
}
