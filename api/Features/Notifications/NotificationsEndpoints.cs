using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Validation;
using ContractMonitor.Contracts.Notifications;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Notifications;
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
        endpoints.MapContractGroup("/api/contracts/{contractId}/notifications", "Notifications")
            .MapGet("/", ListAsync).WithName("ListNotifications").AllowRoles(MaySee).ProducesValidationProblem();
        return endpoints;
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
