using ContractMonitor.Contracts.Papers;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Papers;

namespace ContractMonitor.Api.Auth;

/// <summary>The published paper named by the route's <c>{id}</c>, looked up as the caller sees it.</summary>
internal sealed class VisiblePaper(Caller caller, long id, PublishedPaper? paper)
    : VisibleById<PublishedPaper>(caller, id, paper, "paper")
{
    public PublishedPaper Paper => Value;

    public static async ValueTask<VisiblePaper?> BindAsync(HttpContext context)
    {
        var (caller, id, paper) = await ReadAsync<PaperStore>(context, (store, id, caller, ct) => store.FindVisibleAsync(id, caller, ct));
        return new VisiblePaper(caller, id, paper);
    }
}
