using ContractMonitor.Contracts.Challenges;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Challenges;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContractMonitor.Api.Auth;

/// <summary>The challenge named by the route's <c>{id}</c>, looked up as the caller sees it.</summary>
internal sealed class VisibleChallenge(Caller caller, long id, Challenge? challenge)
    : VisibleById<Challenge>(caller, id, challenge, Noun)
{
    private const string Noun = "challenge";

    public Challenge Challenge => Value;

    public static ProblemHttpResult NotFound(long id) => AccessProblems.NotFound(Noun, id);

    public static async ValueTask<VisibleChallenge?> BindAsync(HttpContext context)
    {
        var (caller, id, challenge) = await ReadAsync<ChallengeStore>(context, (store, id, caller, ct) => store.FindVisibleAsync(id, caller, ct));
        return new VisibleChallenge(caller, id, challenge);
    }
}
