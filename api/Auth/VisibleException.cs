using ContractMonitor.Core.Access;
using ContractMonitor.Core.Exceptions;

namespace ContractMonitor.Api.Auth;

/// <summary>The agreed exception named by the route's <c>{id}</c>, looked up as the caller sees it.</summary>
internal sealed class VisibleException(Caller caller, long id, AgreedException? exception)
    : VisibleById<AgreedException>(caller, id, exception, "agreed exception")
{
    public AgreedException Exception => Value;

    public static async ValueTask<VisibleException?> BindAsync(HttpContext context)
    {
        var (caller, id, exception) = await ReadAsync<ExceptionStore>(context, (store, id, caller, ct) => store.FindVisibleAsync(id, caller, ct));
        return new VisibleException(caller, id, exception);
    }
}
