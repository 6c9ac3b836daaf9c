using ContractMonitor.Core.Access;

namespace ContractMonitor.Api.Auth;

/// <summary>Which roles may call a contract endpoint; without it every role may (reads).</summary>
public sealed record ContractRolesMetadata(IReadOnlySet<Role> Roles);

/// <summary>
/// DESIGN §4: a contract of another organisation is 404 whatever the role, so its existence is not
/// revealed; a visible contract with a role that may not act is 403.
/// </summary>
public sealed class ContractAccessFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var access = context.Arguments.OfType<ContractAccess>().FirstOrDefault();
        if (access is null)
        {
            return await next(context);
        }

        if (!access.IsVisible)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Contract not found",
                detail: "There is no contract with this id that your organisation can see.");
        }

        var allowed = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ContractRolesMetadata>();
        if (allowed is not null && !allowed.Roles.Contains(access.Caller.Role))
        {
            return AccessProblems.Forbidden(access.Caller.Role, allowed.Roles);
        }

        return await next(context);
    }
}

public static class ContractAccessExtensions
{
    /// <summary>The contract-scoped route group: visibility and role checks for every endpoint in it.</summary>
    public static RouteGroupBuilder MapContractGroup(this IEndpointRouteBuilder endpoints, string prefix, string tag)
    {
        var group = endpoints.MapGroup(prefix).WithTags(tag);
        group.AddEndpointFilter<ContractAccessFilter>();
        group.ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static RouteHandlerBuilder AllowRoles(this RouteHandlerBuilder builder, params Role[] roles) =>
        builder.WithMetadata(new ContractRolesMetadata(roles.ToHashSet()));
}
