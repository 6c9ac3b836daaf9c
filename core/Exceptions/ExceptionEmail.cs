using System.Globalization;
using ContractMonitor.Contracts.Exceptions;
using ContractMonitor.Core.Notifications;

namespace ContractMonitor.Core.Exceptions;

/// <summary>The email the chair and vice-chair get when an exception is agreed, extended or ended (issue 20).</summary>
internal static class ExceptionEmail
{
    public static EmailContent Render(string contractReference, long contractId, AgreedException exception, ExceptionStep step, Uri baseUrl)
    {
        var what = step.Type switch
        {
            ExceptionEventType.Agreed => "agreed",
            ExceptionEventType.Extended => "extended",
            ExceptionEventType.Expired => "expired",
            _ => "ended",
        };
        var over = step.Type is ExceptionEventType.Ended or ExceptionEventType.Expired;
        var subject = EmailText.OneLine(string.Create(CultureInfo.InvariantCulture,
            $"{contractReference} {exception.MeasureCode}: agreed exception {what}{(over ? "" : $", until {step.Until:d MMMM yyyy}")}"));
        var holds = over
            ? "Its escalations follow the rules again, over the periods since the exception began, as if they had been evaluated then."
            : string.Create(CultureInfo.InvariantCulture,
                $"From {exception.HoldsFrom} until {step.Until:d MMMM yyyy}, its escalations neither open nor climb; an open one is held. Its figures and ratings are unchanged.");
        var link = new Uri(baseUrl, string.Create(CultureInfo.InvariantCulture, $"contracts/{contractId}/measures/{Uri.EscapeDataString(exception.MeasureCode)}"));
        return new EmailBody()
            .Heading(subject)
            .Paragraph($"Measure: {exception.MeasureCode}", $"Reason agreed: {exception.Reason}")
            .Paragraph(holds)
            .Paragraph(step.Note is { } note && step.Type != ExceptionEventType.Agreed ? $"Why: {note}" : $"By: {step.Actor}")
            .Gap().Links(("The measure", link))
            .ToContent(subject);
    }
}
