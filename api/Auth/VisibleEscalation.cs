using ContractMonitor.Contracts.Escalations;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Escalations;

namespace ContractMonitor.Api.Auth;

/// <summary>The escalation named by the route's <c>{id}</c>, looked up as the caller sees it.</summary>
internal sealed class VisibleEscalation(Caller caller, long id, EscalationResponse? escalation)
    : VisibleById<EscalationResponse>(caller, id, escalation, "escalation")
{
    public EscalationResponse Escalation => Value;

    public static async ValueTask<VisibleEscalation?> BindAsync(HttpContext context)
    {
        var (caller, id, escalation) = await ReadAsync<EscalationStore>(context, (store, id, caller, ct) => store.FindVisibleAsync(id, caller, ct));
        return new VisibleEscalation(caller, id, escalation);
    }
}
