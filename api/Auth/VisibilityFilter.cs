using System.Globalization;
using ContractMonitor.Core.Access;

namespace ContractMonitor.Api.Auth;

/// <summary>Which roles may call an endpoint of a visibility group; without it every role may (reads).</summary>
internal sealed record AllowedRolesMetadata(IReadOnlySet<Role> Roles);

/// <summary>
/// DESIGN §4: a contract of another organisation, or anything reached through one, is 404 whatever
/// the role, so its existence is not revealed; a visible one with a role that may not act is 403.
/// One filter for every binder (<see cref="ContractAccess"/>, <see cref="VisibleChallenge"/>, <see cref="VisibleEscalation"/>).
/// </summary>
internal sealed class VisibilityFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var visible = context.Arguments.OfType<IVisible>().FirstOrDefault();
        if (visible is null)
        {
            return await next(context);
        }

        if (!visible.IsVisible)
        {
            return visible.NotFound();
        }

        var allowed = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<AllowedRolesMetadata>();
        if (allowed is not null && !allowed.Roles.Contains(visible.Caller.Role))
        {
            return AccessProblems.Forbidden(visible.Caller.Role, allowed.Roles);
        }

        return await next(context);
    }

    /// <summary>A route's id, or false (and an id nothing has) when it is not a number of the given form.</summary>
    public static bool TryReadId(HttpContext context, string name, NumberStyles styles, out long id) =>
        long.TryParse(context.Request.RouteValues[name] as string, styles, CultureInfo.InvariantCulture, out id);
}

internal static class VisibilityExtensions
{
    /// <summary>The contract-scoped route group: visibility and role checks for every endpoint in it.</summary>
    public static RouteGroupBuilder MapContractGroup(this IEndpointRouteBuilder endpoints, string prefix, string tag)
    {
        var group = endpoints.MapVisibleGroup(prefix, tag);
        group.AddEndpointFilter<VisibilityFilter>();
        return group;
    }

    /// <summary>A group whose routes name a thing by id, bound by an <see cref="IVisible"/>: each route adds <see cref="RequireVisible"/>.</summary>
    public static RouteGroupBuilder MapVisibleGroup(this IEndpointRouteBuilder endpoints, string prefix, string tag)
    {
        var group = endpoints.MapGroup(prefix).WithTags(tag);
        group.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>
    /// The visibility and role checks for one route, after the filters added before it: on a route
    /// reached by an id, a body that cannot be valid is 400 before anyone is asked who may see what.
    /// </summary>
    public static RouteHandlerBuilder RequireVisible(this RouteHandlerBuilder builder) => builder.AddEndpointFilter<VisibilityFilter>();

    public static RouteHandlerBuilder AllowRoles(this RouteHandlerBuilder builder, params Role[] roles) =>
        builder.WithMetadata(new AllowedRolesMetadata(roles.ToHashSet()));
}
