using System.Text.Json;
using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Problems;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Contracts;
using ContractMonitor.Core.Evaluations;
using ContractMonitor.Core.Papers;
using ContractMonitor.Core.Periods;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ContractMonitor.Api.Features.Papers;

/// <summary>
/// The panel's paper (issue 18): officers preview it as known at any time and publish it, frozen;
/// everyone who can see the contract reads what was published, and what has changed since.
/// </summary>
internal static class PapersEndpoints
{
    internal static readonly Role[] MayPublish = [Role.Commissioner, Role.Admin];

    public static IEndpointRouteBuilder MapPapers(this IEndpointRouteBuilder endpoints)
    {
        var contract = endpoints.MapContractGroup("/api/contracts/{contractId}/papers", "Papers");
        contract.MapGet("/preview", PreviewAsync).WithName("PreviewPaper").AllowRoles(MayPublish).ProducesValidationProblem();
        contract.MapGet("/preview/document", PreviewDocumentAsync).WithName("PreviewPaperDocument").AllowRoles(MayPublish)
            .Produces(StatusCodes.Status200OK, contentType: PaperDocument.ContentType).ProducesValidationProblem();
        contract.MapPost("/", PublishAsync).WithName("PublishPaper").AllowRoles(MayPublish).WithValidation<PublishPaperRequest>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        contract.MapGet("/", ListAsync).WithName("ListPapers");

        var paper = endpoints.MapVisibleGroup("/api/papers", "Papers");
        paper.MapGet("/{id:long}", GetAsync).WithName("GetPaper").RequireVisible();
        paper.MapGet("/{id:long}/document", DocumentAsync).WithName("GetPaperDocument").RequireVisible()
            .Produces(StatusCodes.Status200OK, contentType: PaperDocument.ContentType);
        paper.MapGet("/{id:long}/changes", ChangesAsync).WithName("GetPaperChanges").RequireVisible();
        paper.MapPost("/{id:long}/withdraw", WithdrawAsync).WithName("WithdrawPaper").WithValidation<WithdrawPaperRequest>()
            .RequireVisible().AllowRoles(MayPublish).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>The paper for <c>period</c> as it would be published now, or as it would have been at the end of <c>knownAt</c>.</summary>
    public static async Task<Results<Ok<PaperContent>, ValidationProblem>> PreviewAsync(
        ContractAccess access, string? period, string? knownAt, string? title, PaperBuilder builder, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var content = await BuildPreviewAsync(access.Contract, access.Caller, period, knownAt, title, builder, clock, errors, cancellationToken);
        return content is null ? InvalidRequest.Of(errors) : TypedResults.Ok(content);
    }

    /// <summary>The preview as the Word document publishing would freeze.</summary>
    public static async Task<Results<FileContentHttpResult, ValidationProblem>> PreviewDocumentAsync(
        ContractAccess access, string? period, string? knownAt, string? title, PaperBuilder builder, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var content = await BuildPreviewAsync(access.Contract, access.Caller, period, knownAt, title, builder, clock, errors, cancellationToken);
        return content is null
            ? InvalidRequest.Of(errors)
            : TypedResults.File(PaperDocument.Build(content), PaperDocument.ContentType, PreviewFileName(access.Contract, content));
    }

    /// <summary>The preview the API and the pages show; null, with <paramref name="errors"/> filled, for a bad period or date.</summary>
    internal static async Task<PaperContent?> BuildPreviewAsync(
        Contract contract, Caller caller, string? period, string? knownAt, string? title, PaperBuilder builder, TimeProvider clock,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        var read = Read(contract, period, knownAt, clock, errors);
        if (errors.Count > 0)
        {
            return null;
        }

        return await builder.BuildAsync(contract, read.Period, TitleOr(title, contract, read.Period), caller.Name, read.KnownAt, cancellationToken);
    }

    internal static string PreviewFileName(Contract contract, PaperContent content) => $"{contract.Reference}-{content.Period}-preview.docx";

    /// <summary>Freezes the paper as known at this moment: its content and the exact bytes of its Word document.</summary>
    public static async Task<Results<Created<PublishedPaper>, ProblemHttpResult>> PublishAsync(
        ContractAccess access, PublishPaperRequest request, PaperStore papers, TimeProvider clock, CancellationToken cancellationToken)
    {
        PaperPeriod.TryRead(request.Period, out var period, out _);
        if (TermProblem(access.Contract, period, UkCalendar.Today(clock)) is { } problem)
        {
            return WriteResults.Unprocessable(new Dictionary<string, string[]> { ["period"] = [problem] });
        }

        var paper = await papers.PublishAsync(access.Contract, access.Caller, period, request.MeetingDate!.Value, request.Title!.Trim(),
            cancellationToken);
        return TypedResults.Created($"/api/papers/{paper.Id}", paper);
    }

    /// <summary>The contract's published panel papers, newest first, withdrawn ones marked.</summary>
    public static async Task<Ok<PaperListResponse>> ListAsync(ContractAccess access, PaperStore papers, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PaperListResponse(await papers.ListAsync(access.Id, cancellationToken)));

    /// <summary>The paper and its content exactly as frozen.</summary>
    public static async Task<Results<Ok<PaperResponse>, ProblemHttpResult>> GetAsync(
        VisiblePaper visible, PaperStore papers, CancellationToken cancellationToken)
    {
        if (await papers.ContentAsync(visible.Id, visible.Caller, cancellationToken) is not { } content)
        {
            return visible.NotFound();
        }

        using var json = JsonDocument.Parse(content);
        return TypedResults.Ok(new PaperResponse(visible.Paper, json.RootElement.Clone()));
    }

    /// <summary>The Word document's bytes as published, with their SHA-256 as a strong ETag.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DocumentAsync(
        VisiblePaper visible, PaperStore papers, CancellationToken cancellationToken)
    {
        if (await papers.DocumentAsync(visible.Id, visible.Caller, cancellationToken) is not { } document)
        {
            return visible.NotFound();
        }

        return TypedResults.File(document.Bytes, PaperDocument.ContentType, $"paper-{visible.Id}-{visible.Paper.Period}.docx",
            entityTag: new EntityTagHeaderValue($"\"{document.Hash}\""));
    }

    /// <summary>What was recorded after publication that the paper does not show.</summary>
    public static async Task<Ok<PaperChangesResponse>> ChangesAsync(VisiblePaper visible, PaperStore papers, CancellationToken cancellationToken) =>
        TypedResults.Ok(new PaperChangesResponse(visible.Id, visible.Paper.PublishedAt,
            await papers.ChangesSinceAsync(visible.Paper, cancellationToken)));

    /// <summary>Withdraws a published paper with a reason: it stays readable, marked withdrawn. 409 when already withdrawn.</summary>
    public static async Task<Results<Ok<PublishedPaper>, ProblemHttpResult>> WithdrawAsync(
        VisiblePaper visible, WithdrawPaperRequest request, PaperStore papers, CancellationToken cancellationToken)
    {
        var result = await papers.WithdrawAsync(visible.Id, visible.Caller, request.Reason!.Trim(), cancellationToken);
        if (result is null)
        {
            return visible.NotFound();
        }

        return result.Value is { } paper ? TypedResults.Ok(paper) : WriteResults.Refused(result);
    }

    /// <summary>The preview's period and knowledge time; <paramref name="errors"/> says what is wrong with either.</summary>
    private static (Period Period, DateTimeOffset KnownAt) Read(
        Contract contract, string? period, string? knownAt, TimeProvider clock, Dictionary<string, string[]> errors)
    {
        var dates = QueryValues.ReadDates(null, knownAt, clock, errors);
        if (string.IsNullOrWhiteSpace(period))
        {
            errors["period"] = ["'period' is required: enter the quarter (2016-17-Q1) or year (2016-17) the paper reports."];
            return default;
        }

        if (!PaperPeriod.TryRead(period, out var read, out var error))
        {
            errors["period"] = [error];
            return default;
        }

        var at = dates.KnownAt ?? PastKnowledge.Now(clock);
        if (TermProblem(contract, read, UkCalendar.DayEndedBy(at)) is { } problem)
        {
            errors["period"] = [problem];
        }

        return (read, at);
    }

    /// <summary>Why a paper cannot report <paramref name="period"/> on <paramref name="day"/>, or null when it can.</summary>
    internal static string? TermProblem(Contract contract, Period period, DateOnly day)
    {
        if (!period.Overlaps(contract.StartDate, contract.EndDate))
        {
            return ContractTerm.Outside(period.ToString(), contract.StartDate, contract.EndDate);
        }

        return period.Start > day ? $"{period} has not begun by {day:yyyy-MM-dd}." : null;
    }

    private static string TitleOr(string? title, Contract contract, Period period) =>
        string.IsNullOrWhiteSpace(title) ? $"{contract.Reference} performance report, {PaperText.PeriodName(period)}" : title.Trim();
}
