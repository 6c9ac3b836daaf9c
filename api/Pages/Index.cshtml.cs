using ContractMonitor.Core.Contracts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ContractMonitor.Api.Pages;

/// <summary>The contracts the signed-in person's organisation commissions or provides.</summary>
internal sealed class IndexModel(ContractStore contracts) : PageModel
{
    public IReadOnlyList<Contract> Contracts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Contracts = await contracts.ListVisibleAsync(PageCaller.Of(User), cancellationToken);
    }
}
