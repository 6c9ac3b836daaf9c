using ContractMonitor.Core.Access;
using ContractMonitor.Core.Escalations;

namespace ContractMonitor.Api.Auth;

/// <summary>The escalation named by the route's <c>{id}</c>, looked up as the caller sees it.</summary>
internal sealed class VisibleEscalation(Caller caller, long id, Escalation? escalation)
    : VisibleById<Escalation>(caller, id, escalation, "escalation")
{
    public Escalation Escalation => Value;

    public static async ValueTask<VisibleEscalation?> BindAsync(HttpContext context)
    {
        var (caller, id, escalation) = await ReadAsync<EscalationStore>(context, (store, id, caller, ct) => store.FindVisibleAsync(id, caller, ct));
        return new VisibleEscalation(caller, id, escalation);
    }
}
