using ContractMonitor.Api.Security;

namespace ContractMonitor.Api;

/// <summary>The api's middleware in its order, and every feature's routes: what Program.cs asks for in one line each.</summary>
internal static class ApiPipeline
{
    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        // A person in a browser gets a page for 403, 404 and the rest; programs keep problem details.
        app.UseWhen(context => !SecurityHeaders.IsApi(context.Request.Path), pages => pages.UseStatusCodePagesWithReExecute("/status/{0}"));
        // Routing after the handlers, so that a failure while matching is a problem too, not an empty 500.
        app.UseRouting();
        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseRefusalLogging();
        app.UseApiOpenApi();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapApi(this WebApplication app)
    {
        app.MapApiHealth().MapOrganisations().MapContracts().MapPanel().MapMeasures().MapTargets().MapReturns().MapAudit()
            .MapEvaluations().MapEscalations().MapClaims().MapChallenges().MapSplitScreen()
            .MapNotifications();
        app.MapJobsDashboard();
        app.MapRazorPages();
        return app;
    }
}
