using ContractMonitor.Core.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Auth;

/// <summary>
/// What a route names (a contract, a challenge, an escalation), bound as the caller sees it.
/// <see cref="VisibilityFilter"/> answers 404 when it is not visible and 403 when the caller's role
/// may not use the endpoint, so a handler only ever sees a visible, permitted thing.
/// </summary>
internal interface IVisible
{
    Caller Caller { get; }

    bool IsVisible { get; }

    /// <summary>The 404 for this kind of thing, which never says whether it exists elsewhere.</summary>
    ProblemHttpResult NotFound();
}
