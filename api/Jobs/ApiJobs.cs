using ContractMonitor.Api.Auth;
using ContractMonitor.Api.Security;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Jobs;
using ContractMonitor.Migrations;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;

namespace ContractMonitor.Api.Jobs;

internal static class ApiJobs
{
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// With SQLite this process runs the jobs on in-memory storage; with SQL Server it only
    /// enqueues, and the worker processes run them.
    /// </summary>
    public static IServiceCollection AddApiJobs(this IServiceCollection services) =>
        services.AddContractMonitorJobs(provider => provider.GetRequiredService<Database>().Provider == DatabaseProvider.Sqlite);

    /// <summary>
    /// The Hangfire dashboard, for an operator (an Admin, see <see cref="Operators"/>): in a browser
    /// signed in to the pages, or with a bearer token (an API client, or a reverse proxy that adds
    /// one). In Development it is also open to this machine. The published port of a container is not
    /// "this machine" to the api inside it, so the sign-in is what opens it there (issue 21).
    /// </summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // Hangfire's default filter (local requests only) would otherwise run before ours.
            Authorization = [],
            AsyncAuthorization = [new OperatorOrLocalDevelopment(app.Services.GetRequiredService<Operators>(), app.Environment.IsDevelopment())],
            AppPath = "/swagger",
            DisplayStorageConnectionString = false,
        }).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The page cookie is asked for by name: without it a signed-in Admin's browser got 401 here
    /// (<c>AnAdminSignedInToThePagesOpensTheJobsDashboardButAForgedPostIsRefused</c>). The dashboard's
    /// forms carry ASP.NET Core's antiforgery token, which Hangfire.AspNetCore checks (the same test
    /// posts without it and is refused), and the cookie is SameSite=Lax.
    /// </summary>
    private sealed class OperatorOrLocalDevelopment(Operators operators, bool development) : IDashboardAsyncAuthorizationFilter
    {
        private readonly LocalRequestsOnlyAuthorizationFilter local = new();

        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            if (Caller.TryFrom(http.User, out var caller) && operators.Include(caller))
            {
                return true;
            }

            var page = await http.AuthenticateAsync(PageAuthentication.Scheme);
            return (page.Succeeded && Caller.TryFrom(page.Principal, out caller) && operators.Include(caller))
                || (development && local.Authorize(context));
        }
    }
}
