using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Notifications;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Features.Notifications;

internal static class NotificationsEndpoints
{
    /// <summary>
    /// The council's side only: the emails name the panel's members and addresses, which the panel
    /// endpoint does not show to the trust either.
    /// </summary>
    public static readonly Role[] MaySee = [Role.Admin, Role.Commissioner, Role.Panel];

    public static IEndpointRouteBuilder MapNotifications(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapContractGroup("/api/contracts/{contractId}/notifications", "Notifications");
        group.MapGet("/", ListAsync).WithName("ListNotifications").AllowRoles(MaySee).ProducesValidationProblem();
        group.MapPost("/{id:long}/requeue", RequeueAsync).WithName("RequeueNotification").AllowRoles(Role.Admin)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        return endpoints;
    }

    /// <summary>
    /// Sends a failed email again (issue 21): back to Pending with its attempts reset, audited, and the
    /// dispatcher asked to run now. The same message goes, with the same Message-Id. 409 unless it has failed.
    /// </summary>
    public static async Task<Results<Ok<NotificationResponse>, ProblemHttpResult>> RequeueAsync(
        ContractAccess access, long id, NotificationRequeue requeue, NotificationStore notifications, IBackgroundJobClient jobs,
        CancellationToken cancellationToken)
    {
        var result = await requeue.RequeueAsync(access.Id, id, access.Caller, cancellationToken);
        if (result is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Email not found",
                detail: $"The contract has no email {id}.");
        }

        if (result.Status != Core.Data.WriteStatus.Updated)
        {
            return Problems.WriteResults.Refused(result);
        }

        jobs.Enqueue<Core.Jobs.NotificationJobs>(j => j.DispatchAsync(CancellationToken.None));
        return TypedResults.Ok((await notifications.FindAsync(access.Id, id, cancellationToken))!.ToResponse());
    }

    /// <summary>Every email of the contract, oldest first: escalation emails and digests, with status, attempts and sent time.</summary>
    public static async Task<Results<Ok<NotificationListResponse>, ValidationProblem>> ListAsync(
        ContractAccess access, string? status, NotificationStore notifications, CancellationToken cancellationToken)
    {
        if (!QueryValues.TryReadName(status, NotificationFilter.All, out var filter))
        {
            return QueryValues.InvalidName<NotificationFilter>("status");
        }

        return TypedResults.Ok(new NotificationListResponse((await notifications.ListAsync(access.Id, filter, cancellationToken)).Select(n => n.ToResponse()).ToList()));
    }
}
