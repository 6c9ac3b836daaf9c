using ContractMonitor.Api.Security;
using ContractMonitor.Core.Access;
using ContractMonitor.Core.Data;
using ContractMonitor.Core.Jobs;
using ContractMonitor.Migrations;
using Hangfire;
using Hangfire.Dashboard;

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
    /// The Hangfire dashboard. A browser cannot send a bearer token, so outside Development it opens
    /// only for a request that carries an operator's token (an Admin, see <see cref="Operators"/>; a
    /// reverse proxy or an API client can add it); in Development it is also open to this machine.
    /// </summary>
    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new OperatorOrLocalDevelopment(app.Services.GetRequiredService<Operators>(), app.Environment.IsDevelopment())],
            AppPath = "/swagger",
            DisplayStorageConnectionString = false,
        }).AllowAnonymous();
        return app;
    }

    private sealed class OperatorOrLocalDevelopment(Operators operators, bool development) : IDashboardAuthorizationFilter
    {
        private readonly LocalRequestsOnlyAuthorizationFilter local = new();

        public bool Authorize(DashboardContext context)
        {
            var http = context.GetHttpContext();
            return (Caller.TryFrom(http.User, out var caller) && operators.Include(caller)) || (development && local.Authorize(context));
        }
    }
}
