using System.Globalization;
using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Auth;

/// <summary>A thing named by the route's <c>{id}</c>, looked up as the caller sees it (see <see cref="IVisible"/>).</summary>
/// <param name="noun">What it is called in the 404: "challenge", "escalation".</param>
internal abstract class VisibleById<T>(Caller caller, long id, T? value, string noun) : IVisible
    where T : class
{
    public Caller Caller { get; } = caller;

    public long Id { get; } = id;

    public bool IsVisible => value is not null;

    protected T Value => value
        ?? throw new InvalidOperationException($"{GetType().Name} was used on an endpoint without VisibilityFilter.");

    public ProblemHttpResult NotFound() => AccessProblems.NotFound(noun, Id);

    /// <summary>The caller, the route's id and the thing as the caller's organisation sees it (null when it cannot).</summary>
    protected static async ValueTask<(Caller Caller, long Id, T? Value)> ReadAsync<TStore>(
        HttpContext context, Func<TStore, long, Caller, CancellationToken, Task<T?>> find)
        where TStore : notnull
    {
        var caller = context.User.RequireCaller();
        // As the {id:long} route constraint reads it.
        if (!VisibilityFilter.TryReadId(context, "id", NumberStyles.Integer, out var id))
        {
            return (caller, id, null);
        }

        return (caller, id, await find(context.RequestServices.GetRequiredService<TStore>(), id, caller, context.RequestAborted));
    }
}
